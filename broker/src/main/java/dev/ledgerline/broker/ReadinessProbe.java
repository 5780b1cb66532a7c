package dev.ledgerline.broker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;

/**
 * Confirms that a started broker is really serving. {@code start()} returns normally even when activation
 * failed (for example, the journal lock timed out) or the acceptor could not bind its port: Artemis logs the
 * error and reports itself and the acceptor started. That would leave a process that looks healthy while its
 * clients talk to whatever else holds the port, so a successful connect alone proves nothing; the acceptor's
 * own bound port is checked first.
 */
final class ReadinessProbe {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private ReadinessProbe() {
    }

    /**
     * @throws BrokerNotReadyException if the broker is not active, its acceptor did not bind host:port, or
     *                                 nothing answers there
     */
    static void verifyReady(ActiveMQServer server, String acceptorName, String host, int port) {
        Acceptor acceptor = server.getRemotingService().getAcceptor(acceptorName);
        boolean acceptorStarted = acceptor != null && acceptor.isStarted();
        // A failed bind leaves the acceptor "started" with no server channel: NettyAcceptor records the bound
        // port only once the bind succeeded, and it stays 0 otherwise.
        if (acceptorStarted && (!(acceptor instanceof NettyAcceptor netty) || netty.getActualPort() != port)) {
            throw new BrokerNotReadyException("acceptor '" + acceptorName + "' did not bind tcp://" + host + ":"
                    + port + " (is the port already in use?)");
        }
        if (!acceptorStarted || !server.isActive()) {
            throw new BrokerNotReadyException("the broker did not activate; see the log above (a journal lock "
                    + "held by another broker on the same data directory is one cause)");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            throw new BrokerNotReadyException("nothing accepts connections on tcp://" + host + ":" + port
                    + " although the acceptor is bound: " + e.getMessage());
        }
    }

    /** The broker started but does not serve clients on its configured address. */
    static final class BrokerNotReadyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BrokerNotReadyException(String message) {
            super(message);
        }
    }
}
