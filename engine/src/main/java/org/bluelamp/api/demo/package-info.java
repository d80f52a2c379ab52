/**
 * A demonstration fleet that moves along real roads and streams fixes, so that a fresh
 * {@code ./dispatch serve} has something live to query.
 */
package org.bluelamp.api.demo;
