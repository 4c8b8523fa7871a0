"""A GSS-API peer on MIT krb5 (python3-gssapi) for interop tests, driven line by line over stdin/stdout.

Usage: gss_peer.py initiate <mech-oid> <target-principal> <user-principal> <password>
       gss_peer.py initiate-ntlm <mech-oid> <target-service@host> <DOMAIN\\user>   (password from NTLM_USER_FILE)
       gss_peer.py accept <mech-oid>
Environment: KRB5_CONFIG (realm), KRB5_KTNAME (acceptor keytab), NTLM_USER_FILE (gss-ntlmssp).

Lines written: "TOKEN <hex or -> <complete 0|1>", after completion "INFO <peer name> <mech oid>", then the test
sends "WRAP <hex>" (answer "PLAIN <hex>") and "SEND <hex>" (answer "WRAP <hex>"); "ERROR <text>" on failure.
"""
import sys

import gssapi
import gssapi.raw as raw


def out(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def token_line(token, ctx):
    return "TOKEN %s %d" % (token.hex() if token else "-", 1 if ctx.complete else 0)


def main():
    role, mech = sys.argv[1], gssapi.OID.from_int_seq(sys.argv[2])
    flags = [gssapi.RequirementFlag.mutual_authentication, gssapi.RequirementFlag.confidentiality,
             gssapi.RequirementFlag.integrity, gssapi.RequirementFlag.replay_detection,
             gssapi.RequirementFlag.out_of_sequence_detection]
    if role == "initiate-ntlm":
        role = "initiate"
        target = gssapi.Name(sys.argv[3], gssapi.NameType.hostbased_service)
        user = gssapi.Name(sys.argv[4], gssapi.NameType.user)
        creds = gssapi.Credentials(name=user, usage="initiate", mechs=[mech])
        ctx = gssapi.SecurityContext(name=target, creds=creds, mech=mech, flags=flags, usage="initiate")
        out(token_line(ctx.step(), ctx))
    elif role == "initiate":
        target = gssapi.Name(sys.argv[3], gssapi.NameType.kerberos_principal)
        user = gssapi.Name(sys.argv[4], gssapi.NameType.kerberos_principal)
        creds = raw.acquire_cred_with_password(user, sys.argv[5].encode(), usage="initiate",
                                               mechs=[mech]).creds
        ctx = gssapi.SecurityContext(name=target, creds=gssapi.Credentials(creds), mech=mech,
                                     flags=flags, usage="initiate")
        out(token_line(ctx.step(), ctx))
    else:
        creds = gssapi.Credentials(usage="accept", mechs=[mech])
        ctx = gssapi.SecurityContext(creds=creds, usage="accept")
    for line in sys.stdin:
        verb, _, payload = line.strip().partition(" ")
        data = bytes.fromhex(payload) if payload and payload != "-" else b""
        if verb == "TOKEN":
            answer = ctx.step(data)
            out(token_line(answer, ctx))
            if ctx.complete:
                peer = ctx.initiator_name if role == "accept" else ctx.target_name
                out("INFO %s %s" % (peer, ctx.mech.dotted_form))
        elif verb == "WRAP":
            out("PLAIN " + ctx.unwrap(data).message.hex())
        elif verb == "SEND":
            out("WRAP " + ctx.wrap(data, True).message.hex())
        elif verb == "QUIT":
            return


if __name__ == "__main__":
    try:
        main()
    except Exception as ex:  # reported to the test, which fails with it
        out("ERROR %s: %s" % (type(ex).__name__, str(ex).replace("\n", " ")))
