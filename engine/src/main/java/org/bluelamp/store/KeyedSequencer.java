package org.bluelamp.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another per key, without blocking any thread: a task waits
 * for every earlier task that holds one of its keys (a unit's record, an incident's record) to
 * finish, then runs; tasks on other keys run meanwhile. A change of state is planned against
 * memory, made durable, then applied to memory: holding the record's key from plan to apply keeps
 * every other change of that record (local, or arriving from another instance) out in between.
 *
 * <p>A task's keys are installed all at once (under a short lock), so tasks wait only for tasks
 * installed before them: no cycles, no deadlock, whatever keys they share.
 *
 * <p>Thread-safety: safe from any thread; a task runs on the thread that completed the last task
 * it waited for, or on the caller's when it waited for none.
 */
final class KeyedSequencer {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    /** Runs {@code task} once every earlier task holding one of {@code keys} has finished. */
    <T> CompletableFuture<T> run(Collection<String> keys, Supplier<CompletableFuture<T>> task) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>(keys);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        List<CompletableFuture<Void>> before = new ArrayList<>(distinct.size());
        synchronized (this) {
            for (String k : distinct) {
                CompletableFuture<Void> prev = tails.put(k, gate);
                if (prev != null) {
                    before.add(prev);
                }
            }
        }
        CompletableFuture<Void> ready = before.isEmpty()
                ? DONE
                : before.size() == 1
                        ? before.get(0)
                        : CompletableFuture.allOf(before.toArray(CompletableFuture[]::new));
        CompletableFuture<T> out = ready.thenCompose(v -> {
            try {
                return task.get();
            } catch (RuntimeException | Error e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        out.whenComplete((r, e) -> {
            gate.complete(null);
            for (String k : distinct) {
                tails.remove(k, gate);
            }
        });
        return out;
    }

    /** Keys with a task running or waiting (for tests: 0 once everything finished). */
    int busyKeys() {
        return tails.size();
    }
}
