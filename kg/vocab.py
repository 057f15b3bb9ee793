"""Vocabulary terms as closed namespaces: a typo in a term raises instead of minting an IRI."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = URIRef("https://w3id.org/mlkg/ontology")
RES = Namespace("https://w3id.org/mlkg/resource/")


class MLKG(DefinedNamespace):
    """Terms of the mlkg ontology (ontology/mlkg.ttl)."""

    _fail = True
    _NS = Namespace("https://w3id.org/mlkg/ontology#")

    # classes
    Model: URIRef
    Technique: URIRef
    Dataset: URIRef
    Benchmark: URIRef
    Paper: URIRef
    Organization: URIRef
    Person: URIRef
    Hardware: URIRef
    Software: URIRef
    ModelFamily: URIRef
    Evidence: URIRef
    PaperTopic: URIRef
    # usage and data
    usesTechnique: URIRef
    trainedOn: URIRef
    comparedWith: URIRef
    evaluatedOn: URIRef
    # lineage
    hasAncestor: URIRef
    derivedFrom: URIRef
    hasDerivative: URIRef
    hasDescendant: URIRef
    prunedFrom: URIRef
    distilledFrom: URIRef
    fineTunedFrom: URIRef
    quantizedFrom: URIRef
    builtOn: URIRef
    nasDerivedFrom: URIRef
    successorOf: URIRef
    # papers
    mentions: URIRef
    introduces: URIRef
    introducedIn: URIRef
    affiliation: URIRef
    sourceFile: URIRef
    # figures
    totalParameters: URIRef
    activeParameters: URIRef
    contextLength: URIRef
    trainingTokens: URIRef
    # look-up (added by stores on load, kg.store.index_names)
    nameKey: URIRef
    labelRank: URIRef
    # evidence
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    rule: URIRef
    confidence: URIRef


LINEAGE = (
    MLKG.prunedFrom,
    MLKG.distilledFrom,
    MLKG.fineTunedFrom,
    MLKG.quantizedFrom,
    MLKG.builtOn,
    MLKG.nasDerivedFrom,
    MLKG.derivedFrom,
    MLKG.successorOf,
)
