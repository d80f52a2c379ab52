/** Geographic value types shared by every stage: {@link org.bluelamp.geo.GeoPoint}. */
package org.bluelamp.geo;
