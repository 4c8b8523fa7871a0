package org.negotiatetcp.mechanism.ntlm;

import org.negotiatetcp.mechanism.MechanismContext;

/**
 * An NTLM initiator or acceptor context, with the hooks SPNEGO needs beyond {@link MechanismContext}.
 * <p>
 * Data protection follows the negotiated flags: when sealing (NTLMSSP_NEGOTIATE_SEAL) was negotiated every message is
 * sealed and {@link #wrap wrap} must be called with {@code confidential=true}; otherwise messages are signed only and
 * {@code confidential} must be {@code false}. NTLM tokens carry no marker of which form they are in, so both peers
 * must agree; this is what NegotiateStream does (it encrypts exactly when the context is encrypted).
 */
public sealed interface NtlmContext extends MechanismContext permits NtlmContextSupport {

	/**
	 * Re-initialise both RC4 sealing handles from the sealing keys, keeping the sequence numbers. SPNEGO calls this
	 * after the mechListMIC has been produced and verified ([MS-SPNG] 3.2.5.1).
	 * @throws IllegalStateException if the context is not established
	 */
	void resetSealingState();

	/**
	 * Whether the AUTHENTICATE message carried a MIC (MsvAvFlags bit 0x2). Windows then requires a mechListMIC in
	 * SPNEGO.
	 * @return {@code true} if a MIC was sent (initiator) or received and verified (acceptor)
	 * @throws IllegalStateException if the context is not established
	 */
	boolean authenticateMessageHasMic();

	/**
	 * Return the final negotiated flags (those of the AUTHENTICATE message).
	 * @return the {@link NegotiateFlags}
	 * @throws IllegalStateException if the context is not established
	 */
	int negotiatedFlags();

}
