/**
 * Our Vert.x client of the service, used by the command line's {@code client} and {@code load}. It
 * speaks the {@code dispatch.v1} contract only and never uses the server's internals
 * ({@code ArchitectureTest}). Thread-safety: see {@link org.bluelamp.api.client.BluelampClient}.
 */
package org.bluelamp.api.client;
