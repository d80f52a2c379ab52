package org.bluelamp.api;

import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.Recommendation;

/**
 * What the service needs from dispatch ranking: one recommendation per request. The engine's
 * {@code org.bluelamp.dispatch.Dispatcher} is one ({@code dispatcher::recommend}); tests use fakes.
 *
 * <p>Thread-safety: implementations must be safe to call from several search threads at once.
 */
@FunctionalInterface
public interface Recommender {
    /**
     * Ranks units for an incident.
     *
     * @throws org.bluelamp.error.BluelampException naming the field for a request the engine cannot answer
     */
    Recommendation recommend(IncidentRequest request);
}
