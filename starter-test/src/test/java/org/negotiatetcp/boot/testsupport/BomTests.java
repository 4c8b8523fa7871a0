package org.negotiatetcp.boot.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bill of materials ({@code dependencies/pom.xml}, {@code negotiate-tcp-dependencies}) lists every published
 * module of the build at the build's version, so that an application importing it can leave versions out.
 */
class BomTests {

	private static final Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath();

	@Test
	void bomManagesEveryPublishedModuleAtTheProjectVersion() throws Exception {
		Document parent = read(root.resolve("pom.xml"));
		Document bom = read(root.resolve("dependencies/pom.xml"));
		assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
		assertThat(child(bom.getDocumentElement(), "parent")).as("a BOM without the parent's Boot import").isNull();
		Map<String, String> managed = new TreeMap<>();
		for (Element dependency : elements(bom.getElementsByTagName("dependency"))) {
			managed.put(child(dependency, "artifactId"), child(dependency, "version"));
		}
		assertThat(managed).containsOnlyKeys(publishedModules(parent))
			.allSatisfy((artifact, version) -> assertThat(version).isEqualTo("${project.version}"));
	}

	private static List<String> publishedModules(Document parent) throws Exception {
		List<String> published = new ArrayList<>();
		for (Element module : elements(parent.getElementsByTagName("module"))) {
			Document pom = read(root.resolve(module.getTextContent().trim()).resolve("pom.xml"));
			Element project = pom.getDocumentElement();
			boolean deployed = !"true".equals(child(firstElement(project, "properties"), "maven.deploy.skip"));
			if (deployed && !"pom".equals(child(project, "packaging"))) {
				published.add(child(project, "artifactId"));
			}
		}
		assertThat(published).as("published modules").contains("negotiate-tcp-core", "negotiate-tcp-test-kdc",
				"negotiate-tcp-acl");
		return published;
	}

	private static Document read(Path pom) throws Exception {
		assertThat(pom).as("the build's poms under project.root").exists();
		try (var in = Files.newInputStream(pom)) {
			return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
		}
	}

	private static List<Element> elements(NodeList nodes) {
		List<Element> elements = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			elements.add((Element) nodes.item(i));
		}
		return elements;
	}

	private static Element firstElement(Element parent, String name) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && element.getTagName().equals(name)) {
				return element;
			}
		}
		return null;
	}

	private static String child(Element parent, String name) {
		Element element = (parent != null) ? firstElement(parent, name) : null;
		return (element != null) ? element.getTextContent().trim() : null;
	}

}
