/**
 * The network service: Vert.x gRPC (and gRPC-Web) endpoints for {@code dispatch.v1.Fleet},
 * {@code Tracking} and {@code Dispatch}. A call passes through the transport
 * ({@link org.bluelamp.api.GrpcVerticle}: routing, CORS, connection limits), our own request
 * deframing ({@code GrpcFrames}), the call plumbing ({@code Rpc}: drain, bearer-token roles of
 * {@link org.bluelamp.api.AccessPolicy}, one status per call), the one boundary of the contract
 * ({@code Requests}: every request check, naming the contract's field) and the endpoints, which
 * call the engine and map its answers back ({@code ProtoMapping}). Also: the one mapping of
 * exceptions to gRPC statuses ({@link org.bluelamp.api.ErrorMapping}), the single intake thread
 * ({@link org.bluelamp.api.IntakeWorker}), the live fleet feed, health and Prometheus metrics.
 * {@link org.bluelamp.api.BluelampService} describes the threads and shutdown; ARCHITECTURE.md the
 * layers.
 */
package org.bluelamp.api;
