package org.negotiatetcp.soap.binary;

/**
 * Readers and writers of single [MC-NBFX] documents with the [MC-NBFS] static dictionary and no session dictionary:
 * WCF's {@code application/soap+msbin1} content type. For {@code application/soap+msbinsession1}
 * ({@code NetTcpBinding}'s default) use a {@link BinaryXmlSession}.
 */
public final class BinaryXml {

	private BinaryXml() {
	}

	/**
	 * Returns a reader over a whole document.
	 * @param document the bytes of the document
	 * @param quotas the bounds to enforce
	 * @return a reader at {@code START_DOCUMENT}
	 * @throws BinaryXmlQuotaExceededException when the document exceeds {@code maxReceivedMessageSize}
	 */
	public static BinaryXmlStreamReader newReader(byte[] document, BinaryXmlQuotas quotas)
			throws BinaryXmlQuotaExceededException {
		return newReader(document, 0, document.length, quotas);
	}

	/**
	 * Returns a reader over a whole document that is part of an array.
	 * @param bytes the array
	 * @param offset where the document starts
	 * @param length its length in bytes
	 * @param quotas the bounds to enforce
	 * @return a reader at {@code START_DOCUMENT}
	 * @throws BinaryXmlQuotaExceededException when the document exceeds {@code maxReceivedMessageSize}
	 */
	public static BinaryXmlStreamReader newReader(byte[] bytes, int offset, int length, BinaryXmlQuotas quotas)
			throws BinaryXmlQuotaExceededException {
		java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
		return new BinaryXmlStreamReader(bytes, offset, length, quotas,
				new Dictionaries(StaticDictionary.nbfs(), null));
	}

	/**
	 * Returns a writer of one document, using the static dictionary for the names and namespaces it holds.
	 * @return a new writer; {@link BinaryXmlStreamWriter#toByteArray()} gives the document
	 */
	public static BinaryXmlStreamWriter newWriter() {
		return new BinaryXmlStreamWriter(StaticDictionary.nbfs(), null);
	}

}
