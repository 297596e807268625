# Each TD takes a private HKID from a small pool (8 in the model); with all of them in
# use the next TD's init fails with ENOSPC, ida_alloc_range()'s errno, and nothing of it
# is left; a TD torn down returns its HKID (after TDH.PHYMEM.CACHE.WB) to the next one.
# The model does KVM_TDX_INIT_VM's work at KVM_CREATE_VM.
# Source: __tdx_td_init() -> tdx_guest_keyid_alloc() (ida_alloc_range() of
# tdx_guest_keyid_pool); tdx_mmu_release_hkid() -> tdx_guest_keyid_free().
vm.create t1 type=tdx
vm.create t2 type=tdx
vm.create t3 type=tdx
vm.create t4 type=tdx
vm.create t5 type=tdx
vm.create t6 type=tdx
vm.create t7 type=tdx
vm.create t8 type=tdx
vm.create full type=tdx => ENOSPC
vm.close t3
vm.create t9 type=tdx
expect.vm t9 alive=1
