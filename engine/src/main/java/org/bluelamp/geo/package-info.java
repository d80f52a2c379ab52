/**
 * Geographic value types shared by every stage: {@link org.bluelamp.geo.GeoPoint} and
 * {@link org.bluelamp.geo.GeoBox}.
 */
package org.bluelamp.geo;
