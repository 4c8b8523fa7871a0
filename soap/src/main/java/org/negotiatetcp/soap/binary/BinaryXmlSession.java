package org.negotiatetcp.soap.binary;

/**
 * One duplex session of WCF's {@code application/soap+msbinsession1} encoding ([MC-NBFSE]): every message is a
 * string table (its size as a MultiByteInt31, then String structures) followed by an [MC-NBFX] document; the strings
 * join the session dictionary of their direction with the odd ids 1, 3, 5..., in order, for this and all later
 * messages of the session. The dictionaries of the two directions are independent: {@link #newReader(byte[])} grows
 * the one of received messages, bounded by {@link BinaryXmlQuotas#maxSessionSize()} (exceeding it is a
 * {@link BinaryXmlQuotaExceededException} naming {@code MaxSessionSize}: WCF faults the session then, and so should
 * the caller); {@link #newWriter()} grows the one of sent messages within the same budget (a name that would exceed
 * it is written inline instead).
 * <p>
 * Messages of one direction must be read (or written) in the order they travel; a session is not thread-safe.
 */
public final class BinaryXmlSession {

	private final BinaryXmlQuotas quotas;

	private final SessionDictionary received;

	private final SessionDictionary sent;

	/**
	 * Creates a session with WCF's default quotas.
	 */
	public BinaryXmlSession() {
		this(BinaryXmlQuotas.DEFAULTS);
	}

	/**
	 * Creates a session.
	 * @param quotas the bounds of every received message, and the session dictionaries' budget
	 */
	public BinaryXmlSession(BinaryXmlQuotas quotas) {
		this.quotas = quotas;
		this.received = new SessionDictionary(quotas.maxSessionSize());
		this.sent = new SessionDictionary(quotas.maxSessionSize());
	}

	/**
	 * Reads the string table of a received message into the session dictionary and returns a reader over its
	 * document.
	 * @param message the whole message (string table and document)
	 * @return a reader at {@code START_DOCUMENT}
	 * @throws BinaryXmlException when the string table is malformed or exceeds {@code MaxSessionSize}, or the message
	 * exceeds {@code MaxReceivedMessageSize}
	 */
	public BinaryXmlStreamReader newReader(byte[] message) throws BinaryXmlException {
		if (message.length > this.quotas.maxReceivedMessageSize()) {
			throw new BinaryXmlQuotaExceededException("MaxReceivedMessageSize", this.quotas.maxReceivedMessageSize(),
					"A message of " + message.length + " bytes", -1);
		}
		ByteCursor in = new ByteCursor(message, 0, message.length);
		int size = in.multiByteInt31("the size of the session string table");
		if (size > in.remaining()) {
			throw new MalformedBinaryXmlException("The session string table of " + size
					+ " bytes is longer than the message", 0);
		}
		int end = in.position() + size;
		while (in.position() < end) {
			long at = in.offset();
			int length = in.multiByteInt31("a session string length");
			if (length > end - in.position()) {
				throw new MalformedBinaryXmlException("A session string of " + length
						+ " bytes runs past the string table", at);
			}
			if ((long) this.received.size() + length > this.received.maxSize()) {
				throw new BinaryXmlQuotaExceededException("MaxSessionSize", this.received.maxSize(),
						"The session's in-band dictionary (" + this.received.size() + " bytes, then a string of "
								+ length + ")", at);
			}
			String value = in.utf8(length, "a session string");
			this.received.addReceived(value, length, at);
		}
		int documentStart = in.position();
		return new BinaryXmlStreamReader(message, documentStart, message.length - documentStart, this.quotas,
				new Dictionaries(StaticDictionary.nbfs(), this.received));
	}

	/**
	 * Returns a writer of the next sent message: names and namespaces that the static dictionary lacks go into the
	 * session dictionary (while within budget), and {@link BinaryXmlStreamWriter#toByteArray()} gives the string
	 * table of the strings this message added, then the document. Write one message at a time, in sending order.
	 * @return a new writer
	 */
	public BinaryXmlStreamWriter newWriter() {
		return new BinaryXmlStreamWriter(StaticDictionary.nbfs(), this.sent);
	}

	/**
	 * Returns the dictionary of received messages (the peer's strings).
	 * @return the dictionary, growing as messages are read
	 */
	public SessionDictionary receivedDictionary() {
		return this.received;
	}

	/**
	 * Returns the dictionary of sent messages (this side's strings).
	 * @return the dictionary, growing as messages are written
	 */
	public SessionDictionary sentDictionary() {
		return this.sent;
	}

}
