# NEGATIVE. A page must not return to the allocator while the RMP still assigns it: with
# the snp-invalidate-continue mutant the firmware context page is not reclaimed, the
# make-shared fails, the failure is ignored and the page is freed anyway.
# Source: hw_models.md 1.4 "Failure policy" (sev_gmem_invalidate WARNs and continues) and S3.
policy mutant=snp-invalidate-continue
vm.create vm type=snp
vm.close vm => violation:scrub
