package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.junit.jupiter.api.Test;

/** Every task given to the intake thread answers its submitter, whether it succeeds or throws. */
class IntakeWorkerTest {
    @Test
    void aTaskThatFailsAnswersWithItsExceptionAndTheThreadGoesOn() throws Exception {
        FixIntake intake = new FixIntake(
                new FleetState(FleetOptions.defaults()), IntakeOptions.defaults(), InstantSource.system());
        try (IntakeWorker worker = new IntakeWorker(intake, 16)) {
            CompletableFuture<Object> failed = new CompletableFuture<>();
            assertTrue(worker.submit(
                    () -> {
                        throw new ArithmeticException("long overflow");
                    },
                    (r, e) -> failed.complete(e)));
            assertTrue(failed.get(10, TimeUnit.SECONDS) instanceof ArithmeticException);
            CompletableFuture<Object> next = new CompletableFuture<>();
            assertTrue(worker.submit(() -> "applied", (r, e) -> next.complete(r)));
            assertEquals("applied", next.get(10, TimeUnit.SECONDS));
        }
    }
}
