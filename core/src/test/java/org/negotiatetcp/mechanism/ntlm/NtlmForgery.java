package org.negotiatetcp.mechanism.ntlm;

import java.util.Arrays;

/**
 * Builds NTLMv2 AUTHENTICATE messages by hand, as impacket and other scripted clients do (no MIC, no key exchange,
 * chosen target info and time stamp), so that tests can play a client in another process or an attacker holding a
 * victim's response. Test support only.
 */
public final class NtlmForgery {

	private NtlmForgery() {
	}

	/**
	 * Answer a CHALLENGE.
	 * @param challengeToken the server's CHALLENGE
	 * @param domain the domain to send
	 * @param user the user to send
	 * @param password the password
	 * @param targetName the MsvAvTargetName to add to the echoed target info, or {@code null}
	 * @return the AUTHENTICATE message
	 */
	public static byte[] authenticate(byte[] challengeToken, String domain, String user, String password,
			String targetName) {
		NtlmChallengeMessage challenge = NtlmChallengeMessage.parse(challengeToken);
		AvPairs echoed = challenge.targetInfo();
		if (targetName != null) {
			echoed = echoed.with(AvPair.ofString(AvPair.MSV_AV_TARGET_NAME, targetName));
		}
		Long time = echoed.timestamp();
		return authenticate(challenge, domain, user, password, "WS1", echoed,
				(time != null) ? time : NtlmEnvironment.DEFAULT.fileTimeNow(),
				challenge.negotiateFlags() & ~NegotiateFlags.NTLMSSP_NEGOTIATE_KEY_EXCH);
	}

	/**
	 * Remove MsvAvTimestamp from a CHALLENGE's target info, as a man in the middle would to make the client send no
	 * MIC.
	 * @param challengeToken the server's CHALLENGE
	 * @return the altered CHALLENGE
	 */
	public static byte[] stripTimestamp(byte[] challengeToken) {
		NtlmChallengeMessage challenge = NtlmChallengeMessage.parse(challengeToken);
		return new NtlmChallengeMessage(challenge.negotiateFlags(), challenge.targetName(),
				challenge.serverChallenge(), challenge.targetInfo().without(AvPair.MSV_AV_TIMESTAMP),
				challenge.version()).toBytes();
	}

	static byte[] authenticate(NtlmChallengeMessage challenge, String domain, String user, String password,
			String workstation, AvPairs echoed, long fileTime, int flags) {
		byte[] responseKey = NtlmCrypto.ntowfv2(NtlmCrypto.ntowfv1(password.toCharArray()), user, domain);
		byte[] clientChallenge = NtlmEnvironment.DEFAULT.randomBytes(8);
		byte[] temp = NtlmCrypto.ntlmv2Temp(fileTime, clientChallenge, echoed.toBytes());
		byte[] proof = NtlmCrypto.ntProofStr(responseKey, challenge.serverChallenge(), temp);
		byte[] nt = Arrays.copyOf(proof, proof.length + temp.length);
		System.arraycopy(temp, 0, nt, proof.length, temp.length);
		return new NtlmAuthenticateMessage(new byte[24], nt, domain, user, workstation, new byte[0], flags, null, null)
			.toBytes();
	}

}
