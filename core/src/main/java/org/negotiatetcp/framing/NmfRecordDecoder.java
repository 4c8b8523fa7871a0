package org.negotiatetcp.framing;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;

/**
 * Reads [MC-NMF] records from a byte stream, one complete record per call, for either role.
 * <p>
 * The caller accumulates received bytes in one buffer (as Netty's {@code ByteToMessageDecoder} does) and calls
 * {@link #decode(ByteBuf)} until it returns {@code null}. A call consumes exactly the bytes of the record it returns,
 * so after an {@link UpgradeResponseRecord} the remaining readable bytes belong to the upgrade protocol. When a record
 * is incomplete the reader index is left where it was, except inside an UnsizedEnvelope record: its chunk bytes are
 * consumed as they arrive and aggregated here until the terminating zero chunk, which yields one
 * {@link UnsizedEnvelopeRecord}.
 * <p>
 * Every length is checked against {@link FramingLimits} as soon as it is read, before the bytes it announces
 * arrive. Violations throw {@link FramingException}. {@link EnvelopeRecord}s are reference counted and owned by the
 * caller. A decoded {@link SizedEnvelopeRecord} holds a retained slice of {@code in}: the accumulator must not move
 * or overwrite bytes of {@code in} while its reference count is above one (Netty's {@code ByteToMessageDecoder}
 * cumulators respect this). Call {@link #close()} when the connection ends to release a partially received unsized
 * envelope. Not thread-safe; one instance per connection and direction.
 */
public final class NmfRecordDecoder implements AutoCloseable {

	private final FramingLimits limits;

	private @Nullable ByteBuf unsizedPayload;

	private int chunkBytesRemaining;

	/**
	 * Create a decoder with {@link FramingLimits#DEFAULTS}.
	 */
	public NmfRecordDecoder() {
		this(FramingLimits.DEFAULTS);
	}

	/**
	 * Create a decoder.
	 * @param limits the receive quotas
	 */
	public NmfRecordDecoder(FramingLimits limits) {
		this.limits = Objects.requireNonNull(limits, "limits");
	}

	/**
	 * Decode the next complete record from the readable bytes of {@code in}.
	 * @param in the accumulated received bytes
	 * @return the record, or {@code null} if more bytes are needed
	 * @throws FramingException if the bytes violate [MC-NMF] or exceed a limit
	 */
	public @Nullable NmfRecord decode(ByteBuf in) {
		if (this.unsizedPayload != null) {
			return continueUnsizedEnvelope(in);
		}
		if (!in.isReadable()) {
			return null;
		}
		int start = in.readerIndex();
		int code = in.readUnsignedByte();
		RecordType type = RecordType.fromCode(code);
		if (type == null) {
			throw unknownRecordType(code);
		}
		if (type == RecordType.UNSIZED_ENVELOPE) {
			startUnsizedEnvelope(in);
			return continueUnsizedEnvelope(in);
		}
		NmfRecord record = decodeBody(type, in);
		if (record == null) {
			in.readerIndex(start);
		}
		return record;
	}

	/**
	 * Whether the decoder holds part of an unsized envelope.
	 * @return {@code true} between the UnsizedEnvelope type byte and its terminating zero chunk
	 */
	public boolean isInsideUnsizedEnvelope() {
		return this.unsizedPayload != null;
	}

	/**
	 * Release a partially received unsized envelope, if any. The decoder can be used again afterwards.
	 */
	@Override
	public void close() {
		ByteBuf partial = this.unsizedPayload;
		this.unsizedPayload = null;
		this.chunkBytesRemaining = 0;
		if (partial != null) {
			partial.release();
		}
	}

	private @Nullable NmfRecord decodeBody(RecordType type, ByteBuf in) {
		return switch (type) {
			case VERSION -> (in.readableBytes() < 2) ? null
					: new VersionRecord(in.readUnsignedByte(), in.readUnsignedByte());
			case MODE -> in.isReadable() ? new ModeRecord(mode(in.readUnsignedByte())) : null;
			case VIA -> {
				String via = readString(in, this.limits.maxViaLength(), "Via", FramingFault.VIA_TOO_LONG,
						"maxViaLength");
				yield (via != null) ? new ViaRecord(via) : null;
			}
			case KNOWN_ENCODING -> in.isReadable() ? new KnownEncodingRecord(encoding(in.readUnsignedByte())) : null;
			case EXTENSIBLE_ENCODING -> {
				String contentType = readString(in, this.limits.maxContentTypeLength(), "content type",
						FramingFault.CONTENT_TYPE_TOO_LONG, "maxContentTypeLength");
				yield (contentType != null) ? new ExtensibleEncodingRecord(contentType) : null;
			}
			case UPGRADE_REQUEST -> {
				// .NET reads the upgrade protocol name with its content type decoder and quota
				String protocol = readString(in, this.limits.maxContentTypeLength(), "upgrade protocol name",
						FramingFault.CONTENT_TYPE_TOO_LONG, "maxContentTypeLength");
				yield (protocol != null) ? new UpgradeRequestRecord(protocol) : null;
			}
			case FAULT -> {
				String fault = readString(in, this.limits.maxFaultLength(), "fault", null, "maxFaultLength");
				yield (fault != null) ? new FaultRecord(fault) : null;
			}
			case SIZED_ENVELOPE -> readSizedEnvelope(in);
			case UPGRADE_RESPONSE -> UpgradeResponseRecord.INSTANCE;
			case PREAMBLE_ACK -> PreambleAckRecord.INSTANCE;
			case PREAMBLE_END -> PreambleEndRecord.INSTANCE;
			case END -> EndRecord.INSTANCE;
			case UNSIZED_ENVELOPE -> throw new IllegalStateException("unsized envelopes are decoded separately");
		};
	}

	private @Nullable String readString(ByteBuf in, int quota, String field, @Nullable FramingFault fault,
			String limitName) {
		int length = MultiByteInt31.decode(in);
		if (length < 0) {
			return null;
		}
		if (length > quota) {
			throw new FramingException(FailureReason.LIMIT, "The peer announced a " + field + " of " + length
					+ " bytes but at most " + quota + " are accepted (FramingLimits." + limitName
					+ "); use a shorter value or raise the limit", fault);
		}
		if (in.readableBytes() < length) {
			return null;
		}
		return NmfStrings.read(in, length, field);
	}

	private @Nullable SizedEnvelopeRecord readSizedEnvelope(ByteBuf in) {
		int size = MultiByteInt31.decode(in);
		if (size < 0) {
			return null;
		}
		if (size > this.limits.maxMessageSize()) {
			throw messageTooLarge(size);
		}
		if (in.readableBytes() < size) {
			return null;
		}
		return new SizedEnvelopeRecord(in.readRetainedSlice(size));
	}

	private void startUnsizedEnvelope(ByteBuf in) {
		this.unsizedPayload = in.alloc().buffer(0, this.limits.maxMessageSize());
		this.chunkBytesRemaining = 0;
	}

	private @Nullable NmfRecord continueUnsizedEnvelope(ByteBuf in) {
		ByteBuf payload = this.unsizedPayload;
		if (payload == null) {
			throw new IllegalStateException("not inside an unsized envelope");
		}
		try {
			while (true) {
				if (this.chunkBytesRemaining == 0) {
					int chunkSize = MultiByteInt31.decode(in);
					if (chunkSize < 0) {
						return null;
					}
					if (chunkSize == 0) {
						this.unsizedPayload = null;
						return new UnsizedEnvelopeRecord(payload);
					}
					if (chunkSize > this.limits.maxMessageSize() - payload.readableBytes()) {
						throw messageTooLarge((long) payload.readableBytes() + chunkSize);
					}
					this.chunkBytesRemaining = chunkSize;
				}
				int available = Math.min(this.chunkBytesRemaining, in.readableBytes());
				if (available == 0) {
					return null;
				}
				payload.writeBytes(in, available);
				this.chunkBytesRemaining -= available;
			}
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	private FramingException messageTooLarge(long size) {
		return new FramingException(FailureReason.LIMIT, "The peer announced an envelope of at least " + size
				+ " bytes but at most " + this.limits.maxMessageSize() + " are accepted (FramingLimits.maxMessageSize);"
				+ " send smaller messages or raise the limit on both sides", FramingFault.MAX_MESSAGE_SIZE_EXCEEDED);
	}

	private static FramingMode mode(int code) {
		FramingMode mode = FramingMode.fromCode(code);
		if (mode == null) {
			throw new FramingException(FailureReason.PROTOCOL, String.format(
					"The peer sent an unknown [MC-NMF] mode 0x%02X; defined modes are 0x01..0x04", code),
					FramingFault.UNSUPPORTED_MODE);
		}
		return mode;
	}

	private static KnownEncoding encoding(int code) {
		KnownEncoding encoding = KnownEncoding.fromCode(code);
		if (encoding == null) {
			throw new FramingException(FailureReason.PROTOCOL, String.format(
					"The peer sent an unknown [MC-NMF] known encoding 0x%02X; defined encodings are 0x00..0x08", code),
					FramingFault.CONTENT_TYPE_INVALID);
		}
		return encoding;
	}

	private static FramingException unknownRecordType(int code) {
		String hint = (code == 'H' || code == 'h') ? "; the peer seems to speak HTTP, not net.tcp"
				: "; the peer is not speaking .NET Message Framing or the stream is out of step";
		return FramingException.protocol(
				String.format("Unknown [MC-NMF] record type 0x%02X (defined types are 0x00..0x0C)", code) + hint);
	}

}
