package io.github.icmaven.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.core.upgrade.ParameterName;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Ties the names error messages give ({@link ParameterName}, in core, which knows nothing of Maven) to the mojos'
 * {@code @Parameter(property = ...)}: read back from the plugin descriptor Maven builds from those annotations
 * (they are not kept at run time), so a renamed parameter or property fails here instead of in a user's build.
 */
class ParameterNamesTest {
    private static final String DESCRIPTOR = "META-INF/maven/plugin.xml";

    @Test
    void everyNameInMessagesIsAParameterWithThatProperty() throws Exception {
        Map<String, List<String>> propertiesByParameter = mojoProperties();
        List<ParameterName> names = new ArrayList<>();
        for (Field field : ParameterName.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ParameterName.class) {
                names.add((ParameterName) field.get(null));
            }
        }
        assertFalse(names.isEmpty());
        for (ParameterName name : names) {
            List<String> properties = propertiesByParameter.get(name.element());
            assertTrue(properties != null, "no goal has a parameter <" + name.element() + ">");
            for (String property : properties) {
                assertEquals(name.property(), property, "the property of <" + name.element() + ">");
            }
        }
    }

    @Test
    void everyPropertyIsPrefixedWithIc() throws Exception {
        mojoProperties().forEach((parameter, properties) -> properties.forEach(property ->
                assertTrue(property.startsWith("ic."), "<" + parameter + "> has property " + property)));
    }

    /** Parameter name to the properties the goals (help aside) read it from. */
    private static Map<String, List<String>> mojoProperties() throws Exception {
        Document descriptor;
        try (InputStream in = ParameterNamesTest.class.getClassLoader().getResourceAsStream(DESCRIPTOR)) {
            assertTrue(in != null, DESCRIPTOR + " is missing: run the build up to process-classes");
            descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        Map<String, List<String>> properties = new TreeMap<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if ("help".equals(child(mojo, "goal").getTextContent())) {
                continue;
            }
            Element configuration = child(mojo, "configuration");
            if (configuration == null) {
                continue;
            }
            for (Node node = configuration.getFirstChild(); node != null; node = node.getNextSibling()) {
                String expression = node.getTextContent().trim();
                if (node instanceof Element parameter && expression.startsWith("${") && expression.endsWith("}")) {
                    properties.computeIfAbsent(parameter.getTagName(), k -> new ArrayList<>())
                            .add(expression.substring(2, expression.length() - 1));
                }
            }
        }
        assertFalse(properties.isEmpty());
        return properties;
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
