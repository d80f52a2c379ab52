/**
 * Typed errors: {@link org.bluelamp.error.BluelampException} carries an
 * {@link org.bluelamp.error.ErrorKind} and the name of the field at fault. The service and the
 * command line each translate these in exactly one place.
 */
package org.bluelamp.error;
