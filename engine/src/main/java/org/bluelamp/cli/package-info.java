/**
 * The command line ({@code ./dispatch}): one picocli command per job, JSON on standard output (or
 * a table with {@code client ... --output table}), one-line errors on standard error that name the
 * option, argument, line or JSON path the user wrote. Holds the readers of the command line's input
 * files (fleet, incidents, fix lines), the client commands of a running service, and import
 * progress on a terminal. The only place that turns exceptions into exit codes ({@link
 * org.bluelamp.cli.Main}).
 */
package org.bluelamp.cli;
