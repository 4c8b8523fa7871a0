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

	/**
	 * Return whether a string is an XML {@code NCName} (a name without a colon, XML 1.0 fifth edition's name
	 * characters), as element and attribute names and prefixes must be.
	 * @param name the string
	 * @return {@code true} for a non-empty NCName
	 */
	static boolean isNcName(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length();) {
			int c = name.codePointAt(i);
			if ((i == 0) ? !isNameStartChar(c) : !isNameChar(c)) {
				return false;
			}
			i += Character.charCount(c);
		}
		return true;
	}

	private static boolean isNameStartChar(int c) {
		if (c < 0x80) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
		}
		return (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
				|| (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
				|| (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
				|| (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
	}

	private static boolean isNameChar(int c) {
		if (c < 0x80) {
			return isNameStartChar(c) || c == '-' || c == '.' || (c >= '0' && c <= '9');
		}
		return isNameStartChar(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
	}

}
