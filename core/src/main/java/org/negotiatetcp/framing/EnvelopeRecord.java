package org.negotiatetcp.framing;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A record carrying one message envelope. The payload is reference counted: whoever receives an envelope record
 * from {@link NmfRecordDecoder} owns it and must {@link #release()} it. The record's reference count is its
 * payload's: retaining, touching and releasing the record act on {@link #payload()}.
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

	@Override
	default int refCnt() {
		return payload().refCnt();
	}

	@Override
	default EnvelopeRecord retain() {
		payload().retain();
		return this;
	}

	@Override
	default EnvelopeRecord retain(int increment) {
		payload().retain(increment);
		return this;
	}

	@Override
	default EnvelopeRecord touch() {
		payload().touch();
		return this;
	}

	@Override
	default EnvelopeRecord touch(Object hint) {
		payload().touch(hint);
		return this;
	}

	@Override
	default boolean release() {
		return payload().release();
	}

	@Override
	default boolean release(int decrement) {
		return payload().release(decrement);
	}

}
