# A shared access with no memslot is emulated MMIO, not a memory fault.
# Source: kvm_handle_noslot_fault(); gmem_uapi.md 2.7.
vm.create vm type=default
guest.read vm gpa=0xfee00000 => exit:mmio
guest.write vm gpa=0 tag=x => exit:mmio
