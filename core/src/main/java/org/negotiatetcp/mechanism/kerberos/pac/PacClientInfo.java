package org.negotiatetcp.mechanism.kerberos.pac;

/**
 * The client name and ticket information of a PAC ([MS-PAC] 2.7, PAC_CLIENT_INFO): it must match the ticket's client
 * name and authentication time.
 * @param clientId the ticket's authtime as a FILETIME (100 ns since 1601-01-01 UTC)
 * @param name the client's name as in the ticket, without realm
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record PacClientInfo(long clientId, String name) {

	private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

	/**
	 * Return the authentication time in milliseconds since the Unix epoch.
	 * @return the authtime
	 */
	public long authTimeMillis() {
		return (this.clientId - FILETIME_UNIX_EPOCH) / 10_000;
	}

	static PacClientInfo parse(byte[] bytes, int offset, int length) {
		LeReader in = new LeReader(bytes, offset, length, "PAC_CLIENT_INFO");
		long clientId = in.u64();
		int nameLength = in.u16();
		return new PacClientInfo(clientId, in.utf16(nameLength, "Name"));
	}

}
