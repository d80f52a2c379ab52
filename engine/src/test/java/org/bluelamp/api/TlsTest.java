package org.bluelamp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bluelamp.proto.v1.FleetGrpc;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS from a PEM certificate and key: a self-signed pair made by openssl for this test. */
class TlsTest {

    static void selfSigned(Path cert, Path key) throws Exception {
        Process p = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("openssl failed: " + out);
        }
    }

    @Test
    void servesTlsWithAPemPairAndTheStockClientTrustsIt(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        selfSigned(cert, key);
        try (ServiceFixture fx = new ServiceFixture(ServiceOptions.loopbackEphemeral()
                .withThreads(1, 1)
                .withTls(cert, key)
                .withDrainTimeout(java.time.Duration.ofSeconds(2)))) {
            ManagedChannel tls = Grpc.newChannelBuilderForAddress(
                            "localhost",
                            fx.service.grpcPort(),
                            TlsChannelCredentials.newBuilder()
                                    .trustManager(cert.toFile())
                                    .build())
                    .build();
            ManagedChannel plain = Grpc.newChannelBuilderForAddress(
                            "localhost", fx.service.grpcPort(), InsecureChannelCredentials.create())
                    .build();
            try {
                var unit = ServiceFixture.as(FleetGrpc.newBlockingStub(tls), ServiceFixture.CONSOLE_TOKEN)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .getUnit(GetUnitRequest.newBuilder().setUnitId("U1").build());
                assertEquals("IR11", unit.getCallsign());
                assertThrows(
                        StatusRuntimeException.class,
                        () -> ServiceFixture.as(FleetGrpc.newBlockingStub(plain), ServiceFixture.CONSOLE_TOKEN)
                                .withDeadlineAfter(5, TimeUnit.SECONDS)
                                .getUnit(GetUnitRequest.newBuilder()
                                        .setUnitId("U1")
                                        .build()),
                        "plaintext is refused");
            } finally {
                tls.shutdownNow();
                plain.shutdownNow();
            }
            assertEquals(true, Files.exists(cert));
        }
    }
}
