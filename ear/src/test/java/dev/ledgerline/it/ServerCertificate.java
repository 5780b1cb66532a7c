package dev.ledgerline.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust in exactly the certificate the test server made for itself on its first start (Liberty's
 * self-signed key.p12, with the password `server create` wrote into server.env): the tests speak HTTPS to
 * it the way a client configured for a private certificate would, never by turning verification off.
 */
final class ServerCertificate {

    private ServerCertificate() {
    }

    /** For the server Arquillian runs: its configuration and output directories are the server's own. */
    static SSLContext trustedByTests() {
        Path server = IntegrationSettings.wlpHome().resolve("usr/servers/ledgerline");
        return trusting(server.resolve("resources/security/key.p12"), keystorePassword(server.resolve("server.env")));
    }

    static SSLContext trusting(Path keyStore, char[] password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static char[] keystorePassword(Path serverEnv) {
        try {
            return Files.readAllLines(serverEnv).stream()
                    .filter(line -> line.startsWith("keystore_password="))
                    .map(line -> line.substring("keystore_password=".length()).trim())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(serverEnv + " has no keystore_password"))
                    .toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
