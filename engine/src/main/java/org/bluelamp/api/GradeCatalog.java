package org.bluelamp.api;

import java.util.List;

/**
 * The force's grade codes, for validating requests at the boundary (a status's committed grade,
 * an incident's grade). Backed by dispatch's policy book.
 *
 * <p>Thread-safety: implementations are immutable or thread-safe.
 */
public interface GradeCatalog {
    /** Accepts every non-blank grade (when no policies are configured). */
    GradeCatalog ANY = new GradeCatalog() {
        @Override
        public boolean isKnown(String grade) {
            return grade != null && !grade.isBlank();
        }

        @Override
        public List<String> codes() {
            return List.of();
        }
    };

    /** Whether {@code grade} is a configured grade code. */
    boolean isKnown(String grade);

    /** The configured codes, for messages (empty when any grade is accepted). */
    List<String> codes();

    /** A catalog of exactly these codes. */
    static GradeCatalog of(List<String> codes) {
        List<String> copy = List.copyOf(codes);
        return new GradeCatalog() {
            @Override
            public boolean isKnown(String grade) {
                return grade != null && copy.contains(grade.trim());
            }

            @Override
            public List<String> codes() {
                return copy;
            }
        };
    }
}
