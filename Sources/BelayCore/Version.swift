/// belay's version. Part of the verified-tree cache key, so a new belay re-verifies.
public let belayVersion = "0.1.0"
