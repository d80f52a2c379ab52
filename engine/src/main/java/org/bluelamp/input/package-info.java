/**
 * The rules every piece of outside input follows, written once and used by every boundary (the
 * service's mapping layer, the command line, the file readers, fix intake): what an id may contain
 * ({@link org.bluelamp.input.Ids}), how much of a caller's text an error message may echo
 * ({@link org.bluelamp.input.Echo}), and how far a time a client supplies may lie in the future or
 * the past ({@link org.bluelamp.input.ClientTimeRule}), and that a file's bytes are UTF-8 text
 * ({@link org.bluelamp.input.Utf8Text}). Each rule names the caller's field in its
 * error. Depends only on {@code org.bluelamp.error}. Stateless and thread-safe.
 */
package org.bluelamp.input;
