package org.negotiatetcp.soap.binary;

/**
 * The bounds every binary XML reader enforces: WCF's {@code XmlDictionaryReaderQuotas}, with WCF's defaults, plus the
 * message size ({@code MaxReceivedMessageSize} of {@code NetTcpBinding}) and the [MC-NBFSE] session dictionary size
 * ({@code MaxSessionSize} of the binary message encoder). Immutable; change one bound with its {@code with...} method.
 *
 * @param maxDepth the deepest element nesting (WCF default 32)
 * @param maxStringContentLength the longest text of one attribute value or one run of element text, in characters
 * (WCF default 8192)
 * @param maxArrayLength the most items of one array record, and the most bytes of one base64 text (WCF default 16384)
 * @param maxBytesPerRead the most bytes of one start tag: the element record with its attributes (WCF default 4096)
 * @param maxNameTableCharCount the longest element, attribute, prefix or namespace name, in characters (WCF default
 * 16384)
 * @param maxReceivedMessageSize the most bytes of one message (WCF default 65536)
 * @param maxSessionSize the most bytes (UTF-8) of strings one session's in-band dictionary may hold (WCF default 2048)
 */
public record BinaryXmlQuotas(int maxDepth, int maxStringContentLength, int maxArrayLength, int maxBytesPerRead,
		int maxNameTableCharCount, int maxReceivedMessageSize, int maxSessionSize) {

	/**
	 * WCF's defaults: depth 32, string content 8192, array 16384, bytes per read 4096, name table 16384, message 65536
	 * bytes, session dictionary 2048 bytes.
	 */
	public static final BinaryXmlQuotas DEFAULTS = new BinaryXmlQuotas(32, 8192, 16384, 4096, 16384, 65536, 2048);

	/**
	 * Checks that every bound is positive.
	 * @param maxDepth see the record description
	 * @param maxStringContentLength see the record description
	 * @param maxArrayLength see the record description
	 * @param maxBytesPerRead see the record description
	 * @param maxNameTableCharCount see the record description
	 * @param maxReceivedMessageSize see the record description
	 * @param maxSessionSize see the record description
	 */
	public BinaryXmlQuotas {
		positive("maxDepth", maxDepth);
		positive("maxStringContentLength", maxStringContentLength);
		positive("maxArrayLength", maxArrayLength);
		positive("maxBytesPerRead", maxBytesPerRead);
		positive("maxNameTableCharCount", maxNameTableCharCount);
		positive("maxReceivedMessageSize", maxReceivedMessageSize);
		if (maxSessionSize < 0) {
			throw new IllegalArgumentException("maxSessionSize must not be negative, was " + maxSessionSize);
		}
	}

	private static void positive(String name, int value) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	/**
	 * Returns these quotas with another maximum depth.
	 * @param maxDepth the deepest element nesting
	 * @return new quotas
	 */
	public BinaryXmlQuotas withMaxDepth(int maxDepth) {
		return new BinaryXmlQuotas(maxDepth, this.maxStringContentLength, this.maxArrayLength, this.maxBytesPerRead,
				this.maxNameTableCharCount, this.maxReceivedMessageSize, this.maxSessionSize);
	}

	/**
	 * Returns these quotas with another maximum text length.
	 * @param maxStringContentLength the longest text, in characters
	 * @return new quotas
	 */
	public BinaryXmlQuotas withMaxStringContentLength(int maxStringContentLength) {
		return new BinaryXmlQuotas(this.maxDepth, maxStringContentLength, this.maxArrayLength, this.maxBytesPerRead,
				this.maxNameTableCharCount, this.maxReceivedMessageSize, this.maxSessionSize);
	}

	/**
	 * Returns these quotas with another maximum array length.
	 * @param maxArrayLength the most items of an array, and bytes of a base64 text
	 * @return new quotas
	 */
	public BinaryXmlQuotas withMaxArrayLength(int maxArrayLength) {
		return new BinaryXmlQuotas(this.maxDepth, this.maxStringContentLength, maxArrayLength, this.maxBytesPerRead,
				this.maxNameTableCharCount, this.maxReceivedMessageSize, this.maxSessionSize);
	}

	/**
	 * Returns these quotas with another maximum start tag size.
	 * @param maxBytesPerRead the most bytes of one start tag
	 * @return new quotas
	 */
	public BinaryXmlQuotas withMaxBytesPerRead(int maxBytesPerRead) {
		return new BinaryXmlQuotas(this.maxDepth, this.maxStringContentLength, this.maxArrayLength, maxBytesPerRead,
				this.maxNameTableCharCount, this.maxReceivedMessageSize, this.maxSessionSize);
	}

	/**
	 * Returns these quotas with another maximum name length.
	 * @param maxNameTableCharCount the longest name, in characters
	 * @return new quotas
	 */
	public BinaryXmlQuotas withMaxNameTableCharCount(int maxNameTableCharCount) {
		return new BinaryXmlQuotas(this.maxDepth, this.maxStringContentLength, this.maxArrayLength,
				this.maxBytesPerRead, maxNameTableCharCount, this.maxReceivedMessageSize, this.maxSessionSize);
	}

	/**
	 * Returns these quotas with another maximum message size.
	 * @param maxReceivedMessageSize the most bytes of one message
	 * @return new quotas
	 */
	public BinaryXmlQuotas withMaxReceivedMessageSize(int maxReceivedMessageSize) {
		return new BinaryXmlQuotas(this.maxDepth, this.maxStringContentLength, this.maxArrayLength,
				this.maxBytesPerRead, this.maxNameTableCharCount, maxReceivedMessageSize, this.maxSessionSize);
	}

	/**
	 * Returns these quotas with another maximum session dictionary size.
	 * @param maxSessionSize the most bytes of strings in one session's dictionary
	 * @return new quotas
	 */
	public BinaryXmlQuotas withMaxSessionSize(int maxSessionSize) {
		return new BinaryXmlQuotas(this.maxDepth, this.maxStringContentLength, this.maxArrayLength,
				this.maxBytesPerRead, this.maxNameTableCharCount, this.maxReceivedMessageSize, maxSessionSize);
	}

}
