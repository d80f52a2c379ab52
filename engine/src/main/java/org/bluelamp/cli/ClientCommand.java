package org.bluelamp.cli;

import picocli.CommandLine.Command;

/**
 * {@code client}: calls a running {@code serve} over gRPC and prints each answer as one JSON
 * object with the contract's field names, or as a table with {@code --output table}. Queries
 * (recommend, units, unit, track, watch), changes (status, assign, register, update) and intake
 * (fixes from a file or standard input, one LIP report): enough to populate and use a service
 * without grpcurl.
 */
@Command(
        name = "client",
        mixinStandardHelpOptions = true,
        description = {
            "Call a running Bluelamp service (see 'serve').",
            "Answers are printed as JSON, one object per line (or as a table with --output table)."
        },
        subcommands = {
            ClientRecommend.class,
            ClientUnits.class,
            ClientUnit.class,
            ClientTrack.class,
            ClientWatch.class,
            ClientStatus.class,
            ClientAssign.class,
            ClientIncidents.Close.class,
            ClientIncidents.List.class,
            ClientIncidents.Get.class,
            ClientAudit.class,
            ClientRegister.class,
            ClientUpdate.class,
            ClientFixes.class,
            ClientLip.class,
            ClientClosures.Closures.class,
            ClientClosures.Slowdowns.class
        })
final class ClientCommand {}
