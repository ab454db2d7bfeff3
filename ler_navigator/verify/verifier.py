"""The verifier: one ``VerificationResult`` per credential, nested credentials included.

Input is a credential JSON object, a compact JWT, or a presentation/CLR whose nested
credentials are checked one by one (each result names its JSON path). A check that fails is a
result with reasons; ``VerificationError`` is raised only when a check cannot run at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ler_navigator.errors import NavigatorError
from ler_navigator.models.verification import (
    IssuerInfo,
    ProofCheck,
    SignatureCheck,
    SignatureVerdict,
    StatusCheck,
    StatusVerdict,
    TrustLevel,
    ValidityCheck,
    ValidityVerdict,
    VerificationResult,
)
from ler_navigator.settings import Settings
from ler_navigator.verify.baked import read_payload
from ler_navigator.verify.canonical import RdfCanonicalizer
from ler_navigator.verify.contexts import ContextLoader
from ler_navigator.verify.data_integrity import DataIntegrityVerifier, ProofOutcome, proofs_of
from ler_navigator.verify.did import KeyResolver, ResolvedKey, did_method
from ler_navigator.verify.documents import LocalDocuments, fetch_json
from ler_navigator.verify.jwt import MalformedToken, VcJwtVerifier, credential_of, decode_jws
from ler_navigator.verify.jwt import looks_like_jws as _looks_like_jws
from ler_navigator.verify.ob2 import Ob2Verifier, is_ob2_assertion
from ler_navigator.verify.status import StatusChecker
from ler_navigator.verify.validity import check_validity, format_day

Clock = Callable[[], datetime]
NESTED_KEYS = ("verifiableCredential", "endorsement", "endorsementJwt")
MAX_NESTING = 4
SELF_DESCRIBED_KEY_WARNING = (
    "The signing key is read from the key reference itself, so it is not confirmed to "
    "belong to the issuer."
)


class Verifier:
    """Verifies credentials offline (network only when the settings allow it)."""

    def __init__(
        self,
        *,
        loader: ContextLoader,
        documents: LocalDocuments,
        clock: Clock,
        max_file_bytes: int = 5 * 1024 * 1024,
    ) -> None:
        self._clock = clock
        self._max_file_bytes = max_file_bytes
        keys = KeyResolver(documents)
        self._proofs = DataIntegrityVerifier(keys, RdfCanonicalizer(loader))
        self._jwts = VcJwtVerifier(keys)
        self._ob2 = Ob2Verifier(documents)
        self._status = StatusChecker(documents, self._list_signature_ok)

    @classmethod
    def from_settings(cls, settings: Settings, clock: Clock) -> Verifier:
        """A verifier using the contexts folder, local documents and network switch of settings."""
        fetch = fetch_json if settings.allow_network else None
        return cls(
            loader=ContextLoader(contexts_dir=settings.contexts_dir, fetch=fetch),
            documents=LocalDocuments(settings.local_docs_dir, fetch=fetch),
            clock=clock,
            max_file_bytes=int(settings.max_upload_mb * 1024 * 1024),
        )

    def verify_file(self, path: Path) -> list[VerificationResult]:
        """Results for the credential in a JSON, JWT or baked PNG/SVG file (nested ones too)."""
        try:
            payload = read_payload(path, max_bytes=self._max_file_bytes)
        except NavigatorError as exc:
            return [self._unreadable(exc.user_message, str(path), "$")]
        return self.verify(payload, source=str(path))

    def verify(self, credential: Any, *, source: str | None = None) -> list[VerificationResult]:
        """Results for a credential (dict or compact JWT) and every credential nested in it."""
        return self._verify_any(credential, source, "$", depth=0)

    def _verify_any(
        self, credential: Any, source: str | None, path: str, depth: int
    ) -> list[VerificationResult]:
        if isinstance(credential, str):
            try:
                jws = decode_jws(credential)
            except MalformedToken as exc:
                return [self._unreadable(exc.user_message, source, path)]
            if is_ob2_assertion(jws.payload):
                return [self._verify_ob2(jws.payload, jws, source, path)]
            result = self._verify_jwt(jws, source, path)
            document = credential_of(jws.payload)
        elif isinstance(credential, dict):
            if is_ob2_assertion(credential):
                return [self._verify_ob2(credential, None, source, path)]
            result = self._verify_embedded(credential, source, path)
            document = credential
        else:
            return [self._unreadable("This is not a credential.", source, path)]
        results = [result]
        if depth < MAX_NESTING and isinstance(document, dict):
            for nested_path, nested in nested_credentials(document, path):
                results.extend(self._verify_any(nested, source, nested_path, depth + 1))
        return results

    def _verify_embedded(
        self, document: dict[str, Any], source: str | None, path: str
    ) -> VerificationResult:
        presentation = "VerifiablePresentation" in _types(document)
        purposes = ("authentication", "assertionMethod") if presentation else ("assertionMethod",)
        outcomes = self._proofs.verify(document, purposes)
        signer = document.get("holder") if presentation else document.get("issuer")
        return self._result(
            format_="vp" if presentation else "vc",
            document=document,
            proofs=[(o.check, o.key) for o in outcomes],
            signer=signer,
            validity=check_validity(document, self._clock()),
            status=self._status.check(document),
            source=source,
            path=path,
        )

    def _verify_jwt(self, jws: Any, source: str | None, path: str) -> VerificationResult:
        outcome = self._jwts.verify(jws)
        payload = jws.payload if isinstance(jws.payload, dict) else {}
        document = credential_of(payload) or {}
        validity = check_validity(
            document, self._clock(), not_before=payload.get("nbf"), expires=payload.get("exp")
        )
        signer = document.get("issuer") or document.get("holder") or payload.get("iss")
        return self._result(
            format_="vc-jwt",
            document=document,
            proofs=[(outcome.check, outcome.key)],
            signer=signer,
            validity=validity,
            status=self._status.check(document),
            source=source,
            path=path,
            extra_warnings=outcome.warnings,
        )

    def _verify_ob2(
        self, assertion: dict[str, Any], jws: Any, source: str | None, path: str
    ) -> VerificationResult:
        context = self._ob2.resolve(assertion)
        proofs: list[tuple[ProofCheck, ResolvedKey | None]] = []
        bound = False
        if jws is not None:
            check, key = self._ob2.verify_signed(jws, context)
            proofs.append((check, key))
            bound = key is not None and self._ob2.key_bound(key, context)
        issuer = context.issuer or {}
        return self._result(
            format_="ob2",
            document=assertion,
            proofs=proofs,
            signer={"id": issuer.get("id"), "name": issuer.get("name")},
            validity=check_validity(assertion, self._clock()),
            status=self._ob2.status(assertion, context),
            source=source,
            path=path,
            extra_warnings=context.warnings,
            no_proof_reason=_ob2_unsigned_reason(assertion),
            bound_override=bound,
        )

    def _result(
        self,
        *,
        format_: str,
        document: dict[str, Any],
        proofs: list[tuple[ProofCheck, ResolvedKey | None]],
        signer: Any,
        validity: tuple[ValidityCheck, list[str]],
        status: StatusCheck,
        source: str | None,
        path: str,
        extra_warnings: list[str] | None = None,
        no_proof_reason: str | None = None,
        bound_override: bool | None = None,
    ) -> VerificationResult:
        signature = combine_proofs([check for check, _ in proofs], no_proof_reason)
        issuer_id, issuer_name = _issuer_identity(signer)
        keys = [key for check, key in proofs if check.verdict == SignatureVerdict.VALID]
        if bound_override is not None and format_ == "ob2":
            bound = bound_override and signature.verdict == SignatureVerdict.VALID
        else:
            bound = (
                signature.verdict == SignatureVerdict.VALID
                and bool(keys)
                and all(k is not None and k.bound_to(issuer_id) for k in keys)
            )
        warnings = list(extra_warnings or []) + validity[1]
        if signature.verdict == SignatureVerdict.VALID and not bound:
            if any(k is not None and k.source == "key-reference" for k in keys):
                warnings.append(SELF_DESCRIBED_KEY_WARNING)
            elif format_ != "ob2" and not any(k and k.source == "jwt-header" for k in keys):
                warnings.append("The signing key is not confirmed to belong to the issuer.")
        if status.verdict == StatusVerdict.UNKNOWN and status.reason:
            warnings.append(f"Revocation could not be checked: {status.reason}.")
        issuer = IssuerInfo(
            id=issuer_id, name=issuer_name, did_method=did_method(issuer_id), key_bound=bound
        )
        credential_id = document.get("id")
        return VerificationResult(
            source=source,
            json_path=path,
            format=format_,
            credential_id=credential_id if isinstance(credential_id, str) else None,
            signature=signature,
            issuer=issuer,
            validity=validity[0],
            status=status,
            warnings=warnings,
            summary=summarize(signature, issuer, validity[0], status),
            trust=trust_level(signature, issuer, status),
        )

    def _unreadable(self, message: str, source: str | None, path: str) -> VerificationResult:
        signature = SignatureCheck(verdict=SignatureVerdict.NO_PROOF, reason=message)
        return VerificationResult(
            source=source,
            json_path=path,
            format="unreadable",
            signature=signature,
            issuer=IssuerInfo(),
            validity=ValidityCheck(checked_at=self._clock()),
            status=StatusCheck(verdict=StatusVerdict.UNKNOWN, reason="the file cannot be read"),
            warnings=[message],
            summary=f"We could not read this as a credential: {message}",
            trust=TrustLevel.UNSIGNED,
        )

    def _list_signature_ok(self, status_list: dict[str, Any]) -> bool:
        outcomes: list[ProofOutcome] = self._proofs.verify(status_list)
        return bool(outcomes) and all(o.check.verdict == SignatureVerdict.VALID for o in outcomes)


def nested_credentials(document: dict[str, Any], path: str = "$") -> Iterator[tuple[str, Any]]:
    """Credentials embedded in a presentation, CLR or endorsement list, with their JSON paths."""
    for key, value in document.items():
        if key in ("proof", "@context"):
            continue
        child = f"{path}.{key}"
        if key in NESTED_KEYS:
            items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for index, item in items:
                item_path = child if index is None else f"{child}[{index}]"
                if _is_credential(item):
                    yield item_path, item
                elif isinstance(item, dict):
                    yield from nested_credentials(item, item_path)
        elif isinstance(value, dict):
            yield from nested_credentials(value, child)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield from nested_credentials(item, f"{child}[{index}]")


def combine_proofs(checks: list[ProofCheck], no_proof_reason: str | None = None) -> SignatureCheck:
    """A proof set is valid only if every proof is; an invalid one outweighs an uncheckable one."""
    if not checks:
        reason = no_proof_reason or "it carries no digital signature"
        return SignatureCheck(verdict=SignatureVerdict.NO_PROOF, reason=reason)
    for verdict in (SignatureVerdict.INVALID, SignatureVerdict.UNVERIFIABLE_OFFLINE):
        failing = [c for c in checks if c.verdict == verdict]
        if failing:
            return SignatureCheck(verdict=verdict, reason=failing[0].reason, proofs=checks)
    return SignatureCheck(verdict=SignatureVerdict.VALID, proofs=checks)


def trust_level(signature: SignatureCheck, issuer: IssuerInfo, status: StatusCheck) -> TrustLevel:
    """How far evidence from the credential can be trusted (validity dates are shown apart)."""
    if signature.verdict == SignatureVerdict.INVALID or status.verdict in (
        StatusVerdict.REVOKED,
        StatusVerdict.SUSPENDED,
    ):
        return TrustLevel.FAILED
    if signature.verdict == SignatureVerdict.VALID:
        return TrustLevel.VERIFIED if issuer.key_bound else TrustLevel.SIGNED_UNBOUND_KEY
    return TrustLevel.UNSIGNED


def summarize(
    signature: SignatureCheck, issuer: IssuerInfo, validity: ValidityCheck, status: StatusCheck
) -> str:
    """One plain-language line a learner can read."""
    name = (issuer.name or issuer.id or "an unnamed issuer").rstrip(". ")
    if signature.verdict == SignatureVerdict.VALID and issuer.key_bound:
        sentences = [f"Signed by {name} and unchanged since it was issued"]
    elif signature.verdict == SignatureVerdict.VALID:
        sentences = [
            f"Unchanged since it was signed, but the signing key is not confirmed to be {name}'s"
        ]
    elif signature.verdict == SignatureVerdict.INVALID:
        sentences = [f"The signature does not check out ({signature.reason}): do not rely on it"]
    elif signature.verdict == SignatureVerdict.NO_PROOF:
        sentences = ["It carries no digital signature, so we cannot tell whether it was changed"]
    else:
        sentences = [f"We could not check this one offline because {signature.reason}"]
    if status.verdict == StatusVerdict.REVOKED:
        sentences.append("The issuer has revoked it")
    elif status.verdict == StatusVerdict.SUSPENDED:
        sentences.append("The issuer has suspended it")
    if validity.verdict == ValidityVerdict.EXPIRED and validity.valid_until is not None:
        sentences.append(f"Expired on {format_day(validity.valid_until)}")
    elif validity.verdict == ValidityVerdict.NOT_YET_VALID and validity.valid_from is not None:
        sentences.append(f"Not valid until {format_day(validity.valid_from)}")
    return ". ".join(sentences) + "."


def _issuer_identity(signer: Any) -> tuple[str | None, str | None]:
    if isinstance(signer, str):
        return signer, None
    if isinstance(signer, dict):
        signer_id = signer.get("id")
        name = signer.get("name")
        return (
            signer_id if isinstance(signer_id, str) else None,
            name if isinstance(name, str) else None,
        )
    return None, None


def _types(document: dict[str, Any]) -> list[str]:
    kind = document.get("type", document.get("@type"))
    kinds = kind if isinstance(kind, list) else [kind]
    return [k for k in kinds if isinstance(k, str)]


def _is_credential(item: Any) -> bool:
    if isinstance(item, str):
        return _looks_like_jws(item)
    if not isinstance(item, dict):
        return False
    return bool(proofs_of(item)) or any(t.endswith("Credential") for t in _types(item))


def _ob2_unsigned_reason(assertion: dict[str, Any]) -> str:
    verification = assertion.get("verification") or assertion.get("verify")
    kind = verification.get("type") if isinstance(verification, dict) else None
    if kind == "hosted":
        return "it is a hosted badge: checking it means fetching the issuer's copy online"
    return "it carries no digital signature"
