package dev.ledgerline.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.ledgerline.ledger.messaging.BrokerUser;

/**
 * server.xml repeats the server's broker user and its demo password as variable defaults; this fails when they
 * and {@link BrokerUser#SERVER} (what the broker creates) disagree, instead of a Quick start whose server is
 * refused by its own broker. It also checks that the adapter, which every connection factory and activation
 * spec takes its login from, is given those variables, in each of the files that define it (one broker, a pair).
 */
class ServerXmlBrokerLoginTest {

    private static Document serverXml;
    private static Map<String, String> variableDefaults;

    @BeforeAll
    static void readServerXml() throws Exception {
        serverXml = ServerXmlFiles.parse(ServerXmlFiles.SERVER_XML);
        variableDefaults = ServerXmlFiles.variableDefaults();
    }

    @Test
    void theDefaultLoginIsTheBrokersServerUserWithItsDemoPassword() {
        assertThat(variableDefaults)
                .containsEntry("ledgerline.broker.user", BrokerUser.SERVER.userName())
                .containsEntry("ledgerline.broker.server.password", BrokerUser.SERVER.demoPassword());
    }

    @ParameterizedTest
    @ValueSource(strings = {"single", "pair"})
    void theResourceAdapterLogsInWithTheVariables(String topology) throws Exception {
        Element adapterProperties = ServerXmlFiles.adapterProperties(topology);
        assertThat(adapterProperties.getAttribute("userName")).isEqualTo("${ledgerline.broker.user}");
        assertThat(adapterProperties.getAttribute("password")).isEqualTo("${ledgerline.broker.server.password}");
    }

    @Test
    void noConnectionFactoryOrActivationSpecOverridesTheAdaptersLogin() {
        // One of these with a user of its own would log in as someone the broker may not know.
        for (String element : List.of("jmsConnectionFactory", "jmsActivationSpec")) {
            NodeList nodes = serverXml.getElementsByTagName(element);
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
