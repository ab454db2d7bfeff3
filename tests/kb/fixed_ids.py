"""The ids the knowledge files agreed to define and to link to one another by: stakeholder
groups, action areas, principles, the map's pages, core glossary terms and the organisations
the map credits. One list, read by every knowledge test that checks links."""

from __future__ import annotations

STAKEHOLDER_IDS = (
    "stakeholder:career-navigators",
    "stakeholder:credentialing-organizations",
    "stakeholder:data-standards-organizations",
    "stakeholder:employers",
    "stakeholder:funders",
    "stakeholder:governance",
    "stakeholder:hr-systems",
    "stakeholder:learners-earners",
    "stakeholder:ler-technology-providers",
    "stakeholder:supporting-systems",
)
# Action area id -> the key the map's data uses for it.
ACTION_AREA_KEYS = {
    "action:promoting-adoption": "promoting",
    "action:building-employer-demand": "building",
    "action:gathering-data-on-impact": "gathering",
    "action:support-degree-and-skills-based-systems": "supporting",
}
PRINCIPLE_IDS = (
    "principle:open-standards",
    "principle:privacy-and-security",
    "principle:unlocking-learning-anywhere",
    "principle:global-mobility",
    "principle:universal-access",
    "principle:alignment",
    "principle:public-and-private-partnerships-creating-public-good",
)
MAP_PAGE_TOPIC_IDS = (
    "topic:technical-guidance",
    "topic:lers-explained",
    "topic:about",
    "topic:lifecycle-stages",
    "topic:map-version-1",
    "topic:map-version-2",
)
CORE_TERM_IDS = (
    "term:learning-and-employment-record",
    "term:verifiable-credential",
    "term:open-badges",
    "term:comprehensive-learner-record",
    "term:digital-credential-wallet",
    "term:skills-based-hiring-and-advancement",
    "term:credential-transparency-description-language",
    "term:micro-credential",
    "term:interoperability",
    "term:decentralized-identifier",
    "term:skill-framework",
    "term:competency-framework",
)
MAP_ORGANIZATION_IDS = (
    "org:digital-credentials-consortium",
    "org:t3-innovation-network",
    "org:jobs-for-the-future",
    "org:credential-engine",
    "org:1edtech",
    "org:w3c",
    "org:hr-open-standards",
    "org:national-governors-association",
    "org:us-chamber-of-commerce-foundation",
    "org:competency-based-education-network",
    "org:aacrao",
    "org:aspen-institute",
    "org:digital-promise",
    "org:shrm-foundation",
    "org:national-association-of-workforce-boards",
    "org:trusted-learner-network",
    "org:opportunity-at-work",
    "org:markle-foundation",
    "org:lumina-foundation",
    "org:walmart-foundation",
    "org:learning-economy-foundation",
    "org:we-are-open-co-op",
    "org:nationswell",
    "org:brookings-institution",
    "org:getting-smart",
    "org:strada-education-foundation",
    "org:credential-as-you-go",
    "org:national-skills-coalition",
    "org:alabama-talent-triad",
    "org:colorado-workforce-development-council",
)

# Everything but the glossary terms: what the glossary may link to.
NON_TERM_IDS = frozenset(
    STAKEHOLDER_IDS
    + tuple(ACTION_AREA_KEYS)
    + PRINCIPLE_IDS
    + MAP_PAGE_TOPIC_IDS
    + MAP_ORGANIZATION_IDS
)
LINKABLE_IDS = NON_TERM_IDS | frozenset(CORE_TERM_IDS)
