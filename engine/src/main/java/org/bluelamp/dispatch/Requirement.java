package org.bluelamp.dispatch;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One line of a response plan: this many units, each with all of these capabilities. Immutable.
 *
 * @param capabilities capability codes each unit must have
 * @param units how many such units
 */
public record Requirement(Set<String> capabilities, int units) {
    public Requirement {
        capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities"));
        if (units < 1 || units > 20) {
            throw new IllegalArgumentException("a requirement needs 1 to 20 units, got " + units);
        }
    }

    /** E.g. {@code 2 x armed_response}. */
    public String label() {
        return units + " x " + String.join("+", new TreeSet<>(capabilities));
    }
}
