# guest_memfd folios are unmovable: mm's attempt to migrate or compact one fails, under
# every policy, so memory taken from ZONE_MOVABLE or CMA stays where it is.
# Claim (David Hildenbrand): "we'll be allocating pages with GFP_HIGHUSER_MOVABLE, making
# them land on MIGRATE_CMA or ZONE_MOVABLE; then we silently turn them unmovable, which
# breaks these concepts. Who'd migrate these pages away". The model confirms the pages
# cannot move (AS_UNMOVABLE; kvm_gmem_migrate_folio()).
# Source: seed 001 (001_cfc33dfa60def217.txt); gmem_uapi.md 1.1.
vm.create vm type=sw_protected
gmem.create g vm=vm size=16K
gmem.allocate g offset=0 len=16K
host.migrate g offset=0 => EINVAL
memslot.set vm slot=0 gpa=0 size=16K gmem=g
attr.set vm gpa=0 size=16K private
guest.write vm gpa=0 tag=data
host.migrate g offset=0 => EINVAL
guest.read vm gpa=0 => tag:data
