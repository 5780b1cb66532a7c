package dev.ledgerline.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.ledgerline.ledger.messaging.TransferQueue;

/**
 * server.xml must repeat the broker addresses of the queues it binds; this fails when it and
 * {@link TransferQueue} (or the JNDI names of {@link LedgerResources}) disagree, instead of a server that
 * starts and then listens on a queue nothing sends to.
 */
class ServerXmlQueuesTest {

    /** The repository's server.xml, from this module's directory, where the build runs its tests. */
    private static final Path SERVER_XML = Path.of("..", "server.xml");

    private static Map<String, String> addressByJndiName;

    @BeforeAll
    static void readServerXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        NodeList queues = factory.newDocumentBuilder().parse(SERVER_XML.toFile()).getElementsByTagName("jmsQueue");
        addressByJndiName = new HashMap<>();
        for (int i = 0; i < queues.getLength(); i++) {
            Element queue = (Element) queues.item(i);
            Element properties = (Element) queue.getElementsByTagName("properties.artemis").item(0);
            addressByJndiName.put(queue.getAttribute("jndiName"), properties.getAttribute("address"));
        }
    }

    @Test
    void theXaQueuesTheCodeLooksUpAreBoundToTheXaAddresses() {
        assertThat(addressByJndiName)
                .containsEntry(LedgerResources.XA_QUEUE, TransferQueue.XA.address())
                .containsEntry(LedgerResources.XA_DEAD_LETTER_QUEUE, TransferQueue.XA.deadLetterAddress());
    }

    @Test
    void theIdempotentConsumersQueuesAreBoundToTheIdempotentAddresses() {
        // The message-driven beans' activation specs name these bindings (destinationRef) in server.xml.
        assertThat(addressByJndiName)
                .containsEntry("jms/transfersIdempotent", TransferQueue.IDEMPOTENT.address())
                .containsEntry("jms/transfersIdempotentDeadLetters", TransferQueue.IDEMPOTENT.deadLetterAddress());
    }

    @Test
    void everyBoundAddressIsATransferQueueOrItsDeadLetterQueue() {
        List<String> addresses = Arrays.stream(TransferQueue.values())
                .flatMap(queue -> Stream.of(queue.address(), queue.deadLetterAddress()))
                .toList();
        assertThat(addressByJndiName).isNotEmpty();
        assertThat(addressByJndiName.values()).allSatisfy(address -> assertThat(address).isIn(addresses));
    }
}
