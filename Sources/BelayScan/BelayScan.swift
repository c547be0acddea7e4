// BelayScan
