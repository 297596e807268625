# NEGATIVE, under the upstream policy. A host kernel read through the direct map (as
# /proc/kcore or a crash dump does) sees what a software-protected guest wrote as
# private: nothing but the direct map stands between them.
# Claim (David Hildenbrand): unclear "how we'll forbid access to this memory e.g., via
# /proc/kcore or when dumping memory". Source: seed 001 (001_cfc33dfa60def217.txt).
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K
memslot.set vm slot=0 gpa=0 size=16K gmem=g
attr.set vm gpa=0 size=16K private
guest.write vm gpa=0 tag=secret
host.direct_read g offset=0 => violation:confidentiality
