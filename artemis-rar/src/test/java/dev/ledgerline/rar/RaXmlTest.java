package dev.ledgerline.rar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the hand-written ra.xml against the Artemis classes it names. Liberty reports a wrong class name or
 * property type only when the adapter is installed in a running server; here it fails the build, including
 * after an upgrade of the adapter's version.
 */
class RaXmlTest {

    private static final Path RA_XML = Path.of("src/main/rar/META-INF/ra.xml");
    private static final String NS = "https://jakarta.ee/xml/ns/jakartaee";

    /** Element that holds config-property entries → sibling element naming the JavaBean they configure. */
    private static final Map<String, String> BEAN_CLASS_ELEMENT = Map.of(
            "resourceadapter", "resourceadapter-class",
            "connection-definition", "managedconnectionfactory-class",
            "activationspec", "activationspec-class",
            "adminobject", "adminobject-class");

    private static Document raXml;

    @BeforeAll
    static void parse() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        raXml = factory.newDocumentBuilder().parse(RA_XML.toFile());
    }

    @Test
    void everyConfigPropertyHasASetterTakingItsDeclaredType() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Element property : elements(raXml.getDocumentElement(), "config-property")) {
            Class<?> bean = beanClassOf(property);
            String name = text(property, "config-property-name");
            Class<?> type = Class.forName(text(property, "config-property-type"));
            try {
                bean.getMethod("set" + name, type);
            } catch (NoSuchMethodException e) {
                problems.add(bean.getName() + " has no set" + name + "(" + type.getName() + ")");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRequiredActivationPropertyHasASetter() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Element property : elements(raXml.getDocumentElement(), "required-config-property")) {
            Class<?> spec = beanClassOf(property);
            String name = text(property, "config-property-name");
            String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            boolean found = List.of(spec.getMethods()).stream()
                    .anyMatch(m -> m.getName().equals(setter) && m.getParameterCount() == 1);
            if (!found) {
                problems.add(spec.getName() + " has no " + setter + "(...)");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyNamedClassImplementsWhatTheDescriptorPromises() throws Exception {
        Element adapter = single(raXml.getDocumentElement(), "resourceadapter");
        assertThat(ResourceAdapter.class).isAssignableFrom(classNamedBy(adapter, "resourceadapter-class"));

        for (Element definition : elements(adapter, "connection-definition")) {
            assertThat(ManagedConnectionFactory.class)
                    .isAssignableFrom(classNamedBy(definition, "managedconnectionfactory-class"));
            assertThat(classNamedBy(definition, "connectionfactory-interface"))
                    .isAssignableFrom(classNamedBy(definition, "connectionfactory-impl-class"));
            assertThat(classNamedBy(definition, "connection-interface"))
                    .isAssignableFrom(classNamedBy(definition, "connection-impl-class"));
        }
        for (Element listener : elements(adapter, "messagelistener")) {
            assertThat(classNamedBy(listener, "messagelistener-type")).isInterface();
            assertThat(ActivationSpec.class).isAssignableFrom(classNamedBy(listener, "activationspec-class"));
        }
        for (Element adminObject : elements(adapter, "adminobject")) {
            assertThat(classNamedBy(adminObject, "adminobject-interface"))
                    .isAssignableFrom(classNamedBy(adminObject, "adminobject-class"));
        }
    }

    @Test
    void defaultConnectorFactoryIsInTheAdapter() throws Exception {
        for (Element property : elements(raXml.getDocumentElement(), "config-property")) {
            if (text(property, "config-property-name").equals("ConnectorClassName")) {
                Class.forName(text(property, "config-property-value"));
            }
        }
    }

    private static Class<?> beanClassOf(Element property) throws ClassNotFoundException {
        Element owner = (Element) property.getParentNode();
        String classElement = BEAN_CLASS_ELEMENT.get(owner.getLocalName());
        assertThat(classElement).as("config properties inside <%s>", owner.getLocalName()).isNotNull();
        return classNamedBy(owner, classElement);
    }

    private static Class<?> classNamedBy(Element parent, String childName) throws ClassNotFoundException {
        return Class.forName(text(parent, childName));
    }

    private static String text(Element parent, String childName) {
        return single(parent, childName).getTextContent().strip();
    }

    private static Element single(Element parent, String childName) {
        List<Element> found = elements(parent, childName);
        assertThat(found).as("<%s> in <%s>", childName, parent.getLocalName()).hasSize(1);
        return found.get(0);
    }

    private static List<Element> elements(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(NS, name);
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }
}
