package dev.ledgerline.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.ledgerline.ledger.messaging.BrokerUser;

/**
 * server.xml repeats the server's broker user and its demo password as variable defaults; this fails when they
 * and {@link BrokerUser#SERVER} (what the broker creates) disagree, instead of a Quick start whose server is
 * refused by its own broker. It also checks that the adapter, which every connection factory and activation
 * spec takes its login from, is given those variables.
 */
class ServerXmlBrokerLoginTest {

    private static final Path SERVER_XML = Path.of("..", "server.xml");

    private static Map<String, String> variableDefaults;
    private static Element adapterProperties;

    @BeforeAll
    static void readServerXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document serverXml = factory.newDocumentBuilder().parse(SERVER_XML.toFile());
        variableDefaults = new HashMap<>();
        NodeList variables = serverXml.getElementsByTagName("variable");
        for (int i = 0; i < variables.getLength(); i++) {
            Element variable = (Element) variables.item(i);
            variableDefaults.put(variable.getAttribute("name"), variable.getAttribute("defaultValue"));
        }
        NodeList adapters = serverXml.getElementsByTagName("resourceAdapter");
        assertThat(adapters.getLength()).isEqualTo(1);
        adapterProperties = (Element) ((Element) adapters.item(0)).getElementsByTagName("properties.artemis").item(0);
    }

    @Test
    void theDefaultLoginIsTheBrokersServerUserWithItsDemoPassword() {
        assertThat(variableDefaults)
                .containsEntry("ledgerline.broker.user", BrokerUser.SERVER.userName())
                .containsEntry("ledgerline.broker.server.password", BrokerUser.SERVER.demoPassword());
    }

    @Test
    void theResourceAdapterLogsInWithTheVariables() {
        assertThat(adapterProperties.getAttribute("userName")).isEqualTo("${ledgerline.broker.user}");
        assertThat(adapterProperties.getAttribute("password")).isEqualTo("${ledgerline.broker.server.password}");
    }

    @Test
    void noConnectionFactoryOrActivationSpecOverridesTheAdaptersLogin() {
        // One of these with a user of its own would log in as someone the broker may not know.
        for (String element : new String[] {"jmsConnectionFactory", "jmsActivationSpec"}) {
            NodeList nodes = adapterProperties.getOwnerDocument().getElementsByTagName(element);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element properties = (Element) ((Element) nodes.item(i)).getElementsByTagName("properties.artemis").item(0);
                assertThat(properties.hasAttribute("userName") || properties.hasAttribute("user")
                        || properties.hasAttribute("password"))
                        .as("%s %s sets a broker login of its own", element, ((Element) nodes.item(i)).getAttribute("id"))
                        .isFalse();
            }
        }
    }
}
