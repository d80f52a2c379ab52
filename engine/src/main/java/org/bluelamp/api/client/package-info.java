/** Our Vert.x client of the service, used by the command line's {@code client} and {@code load}. */
package org.bluelamp.api.client;
