package dev.ledgerline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a loopback port that is free right now, so that parallel builds do not fight over 61616. */
public final class FreePort {

    private FreePort() {
    }

    /**
     * Returns a port the operating system considers free. Another process may still take it before the caller
     * binds it; {@link BrokerProcess} fails loudly in that case rather than talking to the wrong listener.
     */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
