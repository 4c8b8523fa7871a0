package org.negotiatetcp.mechanism.kerberos.pac;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.security.Sid;

/**
 * A parsed Privilege Attribute Certificate ([MS-PAC] 2.3, PACTYPE): the buffer directory and the buffers this
 * project reads. Parsing is bounded: every count, length and offset is checked against the PAC's size, and a
 * malformed PAC raises {@link PacFormatException}.
 * @param bytes the PAC as received (kept to verify the server signature)
 * @param buffers the buffer directory, in order
 * @param logonInfo the KERB_VALIDATION_INFO, or {@code null} when absent (an MIT krb5 1.20+ KDC's PAC has only the
 * client information and the signatures)
 * @param clientInfo the PAC_CLIENT_INFO
 * @param upnDnsInfo the UPN_DNS_INFO, or {@code null} when absent
 * @param serverSignature the server signature (keyed with the service's key)
 * @param kdcSignature the KDC signature (keyed with the krbtgt key)
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public record Pac(byte[] bytes, List<PacInfoBuffer> buffers, @Nullable KerbValidationInfo logonInfo,
		PacClientInfo clientInfo,
		@Nullable UpnDnsInfo upnDnsInfo, PacSignature serverSignature, PacSignature kdcSignature) {

	/** Buffer type of the logon information (KERB_VALIDATION_INFO). */
	public static final int LOGON_INFO = 1;

	/** Buffer type of the credentials information. */
	public static final int CREDENTIALS_INFO = 2;

	/** Buffer type of the server signature. */
	public static final int SERVER_CHECKSUM = 6;

	/** Buffer type of the KDC signature. */
	public static final int PRIVSVR_CHECKSUM = 7;

	/** Buffer type of the client name and ticket information. */
	public static final int CLIENT_INFO = 10;

	/** Buffer type of the constrained delegation information. */
	public static final int DELEGATION_INFO = 11;

	/** Buffer type of the UPN and DNS information. */
	public static final int UPN_DNS_INFO = 12;

	/** Buffer type of the ticket signature. */
	public static final int TICKET_CHECKSUM = 16;

	/** Buffer type of the PAC attributes. */
	public static final int ATTRIBUTES_INFO = 17;

	/** Buffer type of the requestor SID. */
	public static final int REQUESTOR = 18;

	/** Buffer type of the extended KDC (full PAC) signature. */
	public static final int FULL_CHECKSUM = 19;

	private static final int MAX_BUFFERS = 64;

	/**
	 * Copy the arguments.
	 * @param bytes the PAC
	 * @param buffers the buffer directory
	 * @param logonInfo the logon information
	 * @param clientInfo the client information
	 * @param upnDnsInfo the UPN and DNS information
	 * @param serverSignature the server signature
	 * @param kdcSignature the KDC signature
	 */
	public Pac {
		bytes = bytes.clone();
		buffers = List.copyOf(buffers);
	}

	/**
	 * Parse a PAC (the {@code ad-data} of an AD-WIN2K-PAC element).
	 * @param pac the PAC's bytes
	 * @return the parsed PAC
	 * @throws PacFormatException if the PAC is malformed, truncated, has duplicate buffers or lacks the client
	 * information, server or KDC signature
	 */
	public static Pac parse(byte[] pac) {
		LeReader in = new LeReader(pac, 0, pac.length, "PACTYPE");
		long count = in.u32();
		long version = in.u32();
		if (version != 0) {
			throw in.error("Version must be 0, not " + version);
		}
		if (count == 0 || count > MAX_BUFFERS || count * 16 > in.remaining()) {
			throw in.error("cBuffers " + count + " does not fit (1 to " + MAX_BUFFERS + " entries of 16 bytes in "
					+ in.remaining() + " bytes)");
		}
		int directoryEnd = 8 + 16 * (int) count;
		List<PacInfoBuffer> buffers = new ArrayList<>();
		Set<Integer> seen = new HashSet<>();
		for (int i = 0; i < count; i++) {
			long type = in.u32();
			long size = in.u32();
			long offset = in.u64();
			if (offset < directoryEnd || offset > pac.length || size > pac.length - offset) {
				throw in.error("buffer " + i + " (type " + type + ") at offset " + offset + " with size " + size
						+ " lies outside the " + pac.length + "-byte PAC");
			}
			if (type > Integer.MAX_VALUE || !seen.add((int) type)) {
				throw in.error("buffer type " + type + " appears more than once");
			}
			buffers.add(new PacInfoBuffer((int) type, (int) offset, (int) size));
		}
		KerbValidationInfo logonInfo = null;
		PacClientInfo clientInfo = null;
		UpnDnsInfo upnDnsInfo = null;
		PacSignature server = null;
		PacSignature kdc = null;
		for (PacInfoBuffer buffer : buffers) {
			switch (buffer.type()) {
				case LOGON_INFO -> logonInfo = KerbValidationInfo.parse(pac, buffer.offset(), buffer.size());
				case CLIENT_INFO -> clientInfo = PacClientInfo.parse(pac, buffer.offset(), buffer.size());
				case UPN_DNS_INFO -> upnDnsInfo = UpnDnsInfo.parse(pac, buffer.offset(), buffer.size());
				case SERVER_CHECKSUM -> server = PacSignature.parse(pac, buffer.offset(), buffer.size(), "server");
				case PRIVSVR_CHECKSUM -> kdc = PacSignature.parse(pac, buffer.offset(), buffer.size(), "KDC");
				default -> {
				}
			}
		}
		if (clientInfo == null || server == null || kdc == null) {
			throw new PacFormatException("a PAC must have the client information (10), server signature (6) and KDC "
					+ "signature (7) buffers; it has types "
					+ buffers.stream().map(PacInfoBuffer::type).toList());
		}
		return new Pac(pac, buffers, logonInfo, clientInfo, upnDnsInfo, server, kdc);
	}

	/**
	 * Return the PAC's bytes.
	 * @return a copy
	 */
	@Override
	public byte[] bytes() {
		return this.bytes.clone();
	}

	/**
	 * Return the data the server signature covers ([MS-PAC] 2.8.1): the whole PAC with the signature fields of the
	 * server and KDC signatures set to zero.
	 * @return a new array
	 */
	public byte[] serverChecksumInput() {
		byte[] data = this.bytes.clone();
		zero(data, this.serverSignature);
		zero(data, this.kdcSignature);
		return data;
	}

	/**
	 * Return the user's SID (domain SID + user RID).
	 * @return the user's SID, or {@code null} without logon information
	 */
	public @Nullable Sid userSid() {
		return (this.logonInfo != null) ? this.logonInfo.userSid() : null;
	}

	private static void zero(byte[] data, PacSignature signature) {
		java.util.Arrays.fill(data, signature.signatureOffset(),
				signature.signatureOffset() + signature.signature().length, (byte) 0);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof Pac pac && java.util.Arrays.equals(this.bytes, pac.bytes));
	}

	@Override
	public int hashCode() {
		return java.util.Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return "Pac[user=" + userSid() + ", name=" + this.clientInfo.name() + ", buffers="
				+ this.buffers.stream().map(PacInfoBuffer::type).toList() + "]";
	}

	/**
	 * One entry of the buffer directory (PAC_INFO_BUFFER).
	 * @param type the buffer type ({@link #LOGON_INFO}, ...)
	 * @param offset where the buffer starts in the PAC
	 * @param size the buffer's size
	 */
	public record PacInfoBuffer(int type, int offset, int size) {
	}

}
