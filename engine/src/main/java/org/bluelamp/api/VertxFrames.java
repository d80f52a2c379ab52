package org.bluelamp.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcMessage;
import io.vertx.grpc.server.GrpcServerRequest;
import org.bluelamp.api.GrpcFrames.Frame;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;

/**
 * The frames of a call whose body Vert.x decoded itself (a request that did not come through
 * {@link GrpcVerticle}'s route, e.g. HTTP/JSON transcoding later): its messages as
 * {@link Frame}s, with the same size limit as {@link GrpcFrames} (compressed messages are refused:
 * Vert.x has not decompressed them).
 *
 * <p>Thread-safety: used on the call's event loop only.
 */
final class VertxFrames implements RequestFrames {
    private final GrpcServerRequest<?, ?> request;
    private final int maxMessageBytes;

    VertxFrames(GrpcServerRequest<?, ?> request, int maxMessageBytes) {
        this.request = request;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void listen(String messageName, Listener listener) {
        request.messageHandler(msg -> listener.frame(frame(msg, messageName)));
        request.invalidMessageHandler(e -> listener.frame(new Frame.Bad(
                BluelampException.invalid(
                        messageName,
                        messageName + " message is invalid or exceeds the limit of " + maxMessageBytes + " bytes"),
                true,
                false)));
        request.endHandler(v -> listener.end());
    }

    private Frame frame(GrpcMessage msg, String messageName) {
        Buffer b = msg.payload();
        String enc = msg.encoding();
        if (enc != null && !enc.equals("identity")) {
            return new Frame.Bad(
                    BluelampException.invalid(
                            "grpc-encoding",
                            "message encoding " + Echo.quote(enc) + " is not supported here: send it uncompressed"),
                    false,
                    false);
        }
        if (b.length() > maxMessageBytes) {
            return new Frame.Bad(
                    BluelampException.invalid(
                            messageName,
                            messageName + " message of " + b.length() + " bytes exceeds the limit of " + maxMessageBytes
                                    + " bytes"),
                    true,
                    false);
        }
        return new Frame.Message(b.getBytes());
    }

    @Override
    public void pauseFrames() {
        request.pause();
    }

    @Override
    public void resumeFrames() {
        request.resume();
    }
}
