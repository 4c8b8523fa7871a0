package org.negotiatetcp.soap.binary;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Prefixes, local names and namespace declarations of an open element, shared by the reader and the writer.
 */
final class XmlNames {

	private XmlNames() {
	}

	/**
	 * Return the namespace a prefix is declared for among one element's declarations.
	 * @param declarations pairs of prefix and namespace name
	 * @param prefix the prefix, empty for the default namespace
	 * @return the namespace name, or {@code null} if the element does not declare the prefix
	 */
	static @Nullable String namespaceOf(List<String[]> declarations, String prefix) {
		for (String[] declaration : declarations) {
			if (declaration[0].equals(prefix)) {
				return declaration[1];
			}
		}
		return null;
	}

	/**
	 * Return an element's or attribute's name as written in XML.
	 * @param prefix the prefix, empty for none
	 * @param localName the local name
	 * @return {@code prefix:localName}, or {@code localName} without a prefix
	 */
	static String qualifiedName(String prefix, String localName) {
		return prefix.isEmpty() ? localName : prefix + ":" + localName;
	}

}
