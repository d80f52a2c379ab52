/**
 * The network service: Vert.x gRPC (and gRPC-Web) endpoints for {@code dispatch.v1.Fleet},
 * {@code Tracking} and {@code Dispatch}, bearer-token roles ({@link org.bluelamp.api.AccessPolicy}),
 * the one mapping of exceptions to gRPC statuses ({@link org.bluelamp.api.ErrorMapping}), the
 * single intake thread ({@link org.bluelamp.api.IntakeWorker}), the live fleet feed, health and
 * Prometheus metrics. {@link org.bluelamp.api.BluelampService} describes the threads and shutdown.
 */
package org.bluelamp.api;
