package org.negotiatetcp.mechanism.ntlm;

import java.util.Objects;

import org.negotiatetcp.security.ImpersonationLevel;
import org.negotiatetcp.security.ProtectionLevel;

/**
 * What an NTLM client asks for.
 * @param integrity request signing ({@code NTLMSSP_NEGOTIATE_SIGN}); implied by {@code confidentiality}
 * @param confidentiality request sealing ({@code NTLMSSP_NEGOTIATE_SEAL}); Windows servers refuse an
 * EncryptAndSign stream unless the client asked for it in the NEGOTIATE
 * @param identifyOnly grant the server an identification-level token only ({@code NTLMSSP_NEGOTIATE_IDENTIFY})
 * @param workstation the workstation name sent in the AUTHENTICATE, or an empty string
 */
public record NtlmInitiatorOptions(boolean integrity, boolean confidentiality, boolean identifyOnly,
		String workstation) {

	public NtlmInitiatorOptions {
		Objects.requireNonNull(workstation, "workstation");
		integrity = integrity || confidentiality;
	}

	/**
	 * Map the NegotiateStream inputs onto NTLM requests ([MS-NNS] 3.1.4.1 and the .NET flag mapping): {@code SIGN}
	 * requests signing, {@code ENCRYPT_AND_SIGN} signing and sealing, {@code NONE} neither; an allowed impersonation
	 * level of {@code IDENTIFICATION} (or {@code ANONYMOUS}) sets the IDENTIFY flag.
	 * @param protectionLevel the protection level
	 * @param allowedImpersonation the impersonation level the client grants
	 * @return the options, with no workstation name
	 */
	public static NtlmInitiatorOptions of(ProtectionLevel protectionLevel, ImpersonationLevel allowedImpersonation) {
		return new NtlmInitiatorOptions(protectionLevel != ProtectionLevel.NONE,
				protectionLevel == ProtectionLevel.ENCRYPT_AND_SIGN,
				!allowedImpersonation.isAtLeast(ImpersonationLevel.IMPERSONATION), "");
	}

	/**
	 * Return a copy with a workstation name.
	 * @param name the workstation (NetBIOS) name
	 * @return the new options
	 */
	public NtlmInitiatorOptions withWorkstation(String name) {
		return new NtlmInitiatorOptions(this.integrity, this.confidentiality, this.identifyOnly, name);
	}

}
