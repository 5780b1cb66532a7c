package dev.ledgerline.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The repository's server.xml and the files it includes, as the tests of this package read them. */
final class ServerXmlFiles {

    /** From this module's directory, where the build runs its tests. */
    static final Path SERVER_XML = Path.of("..", "server.xml");

    private ServerXmlFiles() {
    }

    static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The default of every variable server.xml declares, by name. */
    static Map<String, String> variableDefaults() throws Exception {
        Map<String, String> defaults = new HashMap<>();
        NodeList variables = parse(SERVER_XML).getElementsByTagName("variable");
        for (int i = 0; i < variables.getLength(); i++) {
            Element variable = (Element) variables.item(i);
            defaults.put(variable.getAttribute("name"), variable.getAttribute("defaultValue"));
        }
        return defaults;
    }

    /**
     * The resource adapter's properties in the file server.xml includes for a broker topology
     * ({@code broker-single.xml}, {@code broker-pair.xml}). Each must define the adapter once, and server.xml not
     * at all, so that the topology alone decides how the server reaches its broker.
     */
    static Element adapterProperties(String topology) throws Exception {
        assertThat(parse(SERVER_XML).getElementsByTagName("resourceAdapter").getLength())
                .as("server.xml leaves the adapter to the broker-<topology>.xml it includes").isZero();
        NodeList adapters = parse(SERVER_XML.resolveSibling("broker-" + topology + ".xml"))
                .getElementsByTagName("resourceAdapter");
        assertThat(adapters.getLength()).isEqualTo(1);
        return (Element) ((Element) adapters.item(0)).getElementsByTagName("properties.artemis").item(0);
    }
}
