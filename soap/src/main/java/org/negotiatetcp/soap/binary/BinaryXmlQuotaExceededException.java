package org.negotiatetcp.soap.binary;

/**
 * A message, or a session, exceeds one of the reader's {@link BinaryXmlQuotas}: the quota is named, with its limit,
 * so that the fix (a larger quota on both peers, or a smaller message) is obvious.
 */
public final class BinaryXmlQuotaExceededException extends BinaryXmlException {

	private static final long serialVersionUID = 1L;

	private final String quota;

	private final long limit;

	/**
	 * Creates an exception.
	 * @param quota the quota's name, as WCF spells it (for example {@code MaxDepth})
	 * @param limit the quota's value
	 * @param what what exceeded it, for a person
	 * @param offset the byte offset in the message, or {@code -1}
	 */
	public BinaryXmlQuotaExceededException(String quota, long limit, String what, long offset) {
		super(what + " exceeds the reader quota " + quota + " (" + limit + "); raise BinaryXmlQuotas." + quota
				+ " on this side (and the peer's matching setting) if such messages are expected", offset);
		this.quota = quota;
		this.limit = limit;
	}

	/**
	 * Returns the name of the exceeded quota, as WCF spells it ({@code MaxDepth}, {@code MaxStringContentLength},
	 * {@code MaxArrayLength}, {@code MaxBytesPerRead}, {@code MaxNameTableCharCount}, {@code MaxReceivedMessageSize},
	 * {@code MaxSessionSize}).
	 * @return the quota's name
	 */
	public String getQuota() {
		return this.quota;
	}

	/**
	 * Returns the quota's value.
	 * @return the limit that was exceeded
	 */
	public long getLimit() {
		return this.limit;
	}

}
