package org.negotiatetcp.framing;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A record carrying one message envelope. The payload is reference counted: whoever receives an envelope record
 * from {@link NmfRecordDecoder} owns it and must {@link #release()} it.
 */
public sealed interface EnvelopeRecord extends NmfRecord, ReferenceCounted
		permits SizedEnvelopeRecord, UnsizedEnvelopeRecord {

	/**
	 * Return the envelope bytes (for [MC-NBFSE], the session string table followed by the binary XML). Reading
	 * them does not change the record; use {@code payload().duplicate()} or absolute gets.
	 * @return the payload, readable from its reader index
	 */
	ByteBuf payload();

	/**
	 * Return the number of envelope bytes.
	 * @return the readable bytes of {@link #payload()}
	 */
	default int size() {
		return payload().readableBytes();
	}

}
