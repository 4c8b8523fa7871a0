package org.negotiatetcp.framing;

/**
 * Receive quotas of the {@link NmfRecordDecoder}, in bytes. Every length read from the wire is checked against its
 * quota before the bytes it announces are awaited or buffered. Every limit must be positive
 * ({@link IllegalArgumentException} otherwise).
 *
 * @param maxViaLength the largest UTF-8 Via accepted ({@code ViaTooLong} beyond it); .NET's MaxViaSize is 2048
 * @param maxContentTypeLength the largest UTF-8 content type or upgrade protocol name accepted
 * ({@code ContentTypeTooLong} beyond it); .NET's MaxContentTypeSize is 256
 * @param maxFaultLength the largest UTF-8 fault URI accepted; .NET clients read at most 256
 * @param maxMessageSize the largest envelope accepted, sized or unsized ({@code MaxMessageSizeExceededFault} beyond
 * it); WCF's default MaxReceivedMessageSize is 65536
 */
public record FramingLimits(int maxViaLength, int maxContentTypeLength, int maxFaultLength, int maxMessageSize) {

	/** The WCF defaults: 2048, 256, 256 and 65536 bytes. */
	public static final FramingLimits DEFAULTS = new FramingLimits(2048, 256, 256, 65536);

	/**
	 * Create the record, checking its components.
	 * @param maxViaLength the largest UTF-8 Via accepted ({@code ViaTooLong} beyond it); .NET's MaxViaSize is 2048
	 * @param maxContentTypeLength the largest UTF-8 content type or upgrade protocol name accepted
	 * ({@code ContentTypeTooLong} beyond it); .NET's MaxContentTypeSize is 256
	 * @param maxFaultLength the largest UTF-8 fault URI accepted; .NET clients read at most 256
	 * @param maxMessageSize the largest envelope accepted, sized or unsized ({@code MaxMessageSizeExceededFault}
	 * beyond it); WCF's default MaxReceivedMessageSize is 65536
	 */
	public FramingLimits {
		requirePositive("maxViaLength", maxViaLength);
		requirePositive("maxContentTypeLength", maxContentTypeLength);
		requirePositive("maxFaultLength", maxFaultLength);
		requirePositive("maxMessageSize", maxMessageSize);
	}

	/**
	 * Return a copy with another maximum message size.
	 * @param maxMessageSize the largest envelope accepted, in bytes
	 * @return the new limits
	 */
	public FramingLimits withMaxMessageSize(int maxMessageSize) {
		return new FramingLimits(this.maxViaLength, this.maxContentTypeLength, this.maxFaultLength, maxMessageSize);
	}

	private static void requirePositive(String name, int value) {
		if (value <= 0) {
			throw new IllegalArgumentException("FramingLimits." + name + " must be positive, not " + value);
		}
	}

}
