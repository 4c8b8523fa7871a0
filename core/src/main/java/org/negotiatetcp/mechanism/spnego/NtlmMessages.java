package org.negotiatetcp.mechanism.spnego;

/**
 * Reads the one fact SPNEGO needs from an NTLM AUTHENTICATE_MESSAGE ([MS-NLMP] 2.2.1.3): whether it carries a MIC,
 * which its NTLMv2 response announces with {@code MsvAvFlags} bit {@code 0x2} ([MS-NLMP] 2.2.2.1). Windows then
 * demands a SPNEGO mechListMIC. Every offset is bounds-checked; anything unexpected reads as "no MIC".
 */
final class NtlmMessages {

	private static final byte[] SIGNATURE = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0 };

	private static final int AUTHENTICATE = 3;

	private static final int MSV_AV_EOL = 0;

	private static final int MSV_AV_FLAGS = 6;

	private static final int FLAG_MIC_PRESENT = 0x2;

	/** NTProofStr (16) + RespType, HiRespType, Reserved1, Reserved2, TimeStamp, ChallengeFromClient, Reserved3 (28). */
	private static final int AV_PAIRS_OFFSET = 16 + 28;

	private NtlmMessages() {
	}

	static boolean isAuthenticate(byte[] message) {
		if (message.length < 12) {
			return false;
		}
		for (int i = 0; i < SIGNATURE.length; i++) {
			if (message[i] != SIGNATURE[i]) {
				return false;
			}
		}
		return le32(message, 8) == AUTHENTICATE;
	}

	static boolean authenticateHasMic(byte[] message) {
		if (!isAuthenticate(message) || message.length < 28) {
			return false;
		}
		int ntLength = le16(message, 20);
		long ntOffset = le32(message, 24) & 0xffffffffL;
		if (ntLength <= AV_PAIRS_OFFSET || ntOffset + ntLength > message.length) {
			return false;
		}
		int position = (int) ntOffset + AV_PAIRS_OFFSET;
		int end = (int) ntOffset + ntLength;
		while (position + 4 <= end) {
			int id = le16(message, position);
			int length = le16(message, position + 2);
			position += 4;
			if (id == MSV_AV_EOL || length > end - position) {
				return false;
			}
			if (id == MSV_AV_FLAGS && length == 4) {
				return (le32(message, position) & FLAG_MIC_PRESENT) != 0;
			}
			position += length;
		}
		return false;
	}

	private static int le16(byte[] data, int offset) {
		return (data[offset] & 0xff) | ((data[offset + 1] & 0xff) << 8);
	}

	private static int le32(byte[] data, int offset) {
		return le16(data, offset) | (le16(data, offset + 2) << 16);
	}

}
